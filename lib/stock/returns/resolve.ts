// What staff do with a return: receive the parcel, restock the unit (as its own SKU or
// another one: a regrade) or write it off. Each is one conditional UPDATE from the status it
// requires, so two people (or two processes) can never restock the same return twice; only a
// restock moves stock, through a StockPlan (row lock, atomic counter, ledger `return`, push
// outbox). Staff may also record a return the marketplaces did not signal.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Transaction } from "@/db/client";
import type { ReturnStatus } from "@/lib/domain/returns";
import { AppError } from "@/lib/errors";
import { applyStockPlan } from "../apply-stock-plan";
import { StockPlan } from "../stock-plan";
import { lockVariationsById } from "../variation-locks";
import { expectReturns } from "./expect";

const actor = z.string().trim().min(1, "say who does it").max(200);
const returnId = z.number().int().positive();

export const receiveReturnSchema = z.object({ returnId, actor });
export const restockReturnSchema = z.object({
  returnId,
  actor,
  /** Restock as another variation (a regrade); default: the variation it was sold as. */
  asSku: z.string().trim().min(1).max(200).nullish(),
});
export const writeOffReturnSchema = z.object({
  returnId,
  actor,
  reason: z.string().trim().min(1, "give a reason").max(500),
});
export const manualReturnSchema = z.object({
  orderItemId: z.number().int().positive(),
  actor,
  quantity: z.number().int().positive().max(10_000).optional(),
  note: z.string().trim().max(500).nullish(),
});

export interface ReturnChange {
  returnId: number;
  status: ReturnStatus;
}
export interface RestockResult extends ReturnChange {
  variationId: number;
  sku: string;
  quantity: number;
  onHand: number;
  available: number;
}

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("bad_request", `${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The refusal when a return is not in a status the action starts from. */
async function refusal(
  tx: Transaction,
  id: number,
  action: "received" | "restocked" | "written off",
): Promise<AppError> {
  const [row] = await queryRows<{ status: ReturnStatus }>(
    tx,
    sql`select status from stock_returns where id = ${id}`,
  );
  if (!row) return new AppError("not_found", `return ${id} does not exist`);
  const hint = row.status === "expected" && action === "restocked" ? ": receive it first" : "";
  return new AppError(
    "conflict",
    `return ${id} is ${row.status.replace("_", " ")}: it cannot be ${action}${hint}`,
  );
}

/** expected → received: the parcel is here (not yet inspected or sellable). */
export async function receiveReturn(tx: Transaction, input: unknown): Promise<ReturnChange> {
  const { returnId: id, actor: by } = parse(receiveReturnSchema, input, "receive return");
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`update stock_returns set status = 'received', received_at = now(), received_by = ${by}
        where id = ${id} and status = 'expected' returning id`,
  );
  if (rows.length === 0) throw await refusal(tx, id, "received");
  return { returnId: id, status: "received" };
}

/** received → restocked: the units go back on hand, as the same or another variation. */
export async function restockReturn(tx: Transaction, input: unknown): Promise<RestockResult> {
  const { returnId: id, actor: by, asSku } = parse(restockReturnSchema, input, "restock return");
  const target = await restockTarget(tx, id, asSku ?? null);
  const [restocked] = await queryRows<{
    quantity: number;
    order_item_id: number;
    marketplace_id: number;
    variation_id: number | null;
  }>(
    tx,
    sql`update stock_returns set status = 'restocked', restocked_variation_id = ${target.id},
          resolved_at = now(), resolved_by = ${by}
        where id = ${id} and status = 'received'
        returning quantity, order_item_id, marketplace_id, variation_id`,
  );
  if (!restocked) throw await refusal(tx, id, "restocked");
  const counters = await lockVariationsById(tx, [target.id]);
  const plan = new StockPlan(counters, { actor: by });
  const regrade = restocked.variation_id !== null && restocked.variation_id !== target.id;
  plan.restock(target.id, restocked.quantity, {
    orderItemId: restocked.order_item_id,
    marketplaceId: restocked.marketplace_id,
    actor: by,
    note: `return ${id} restocked${regrade ? ` as ${target.sku} (regraded)` : ""}`,
  });
  await applyStockPlan(tx, plan);
  const after = counters.get(target.id);
  return {
    returnId: id,
    status: "restocked",
    variationId: target.id,
    sku: target.sku,
    quantity: restocked.quantity,
    onHand: after?.onHand ?? 0,
    available: plan.available(target.id),
  };
}

async function restockTarget(
  tx: Transaction,
  id: number,
  asSku: string | null,
): Promise<{ id: number; sku: string }> {
  if (asSku !== null) {
    const [variation] = await queryRows<{ id: number; sku: string }>(
      tx,
      sql`select id, sku from variations where sku = ${asSku}`,
    );
    if (!variation) throw new AppError("not_found", `no variation has the SKU ${asSku}`);
    return variation;
  }
  const [row] = await queryRows<{ id: number | null; sku: string | null; found: boolean }>(
    tx,
    sql`select v.id, v.sku, true as found from stock_returns r
        join order_items oi on oi.id = r.order_item_id
        left join variations v on v.id = coalesce(r.variation_id, oi.variation_id)
        where r.id = ${id}`,
  );
  if (!row) throw new AppError("not_found", `return ${id} does not exist`);
  if (row.id === null || row.sku === null) {
    throw new AppError(
      "bad_request",
      `return ${id} was sold under an unmapped SKU: name the SKU to restock it as`,
    );
  }
  return { id: row.id, sku: row.sku };
}

/** expected | received → written_off: it never came back, or it is not sellable. */
export async function writeOffReturn(tx: Transaction, input: unknown): Promise<ReturnChange> {
  const { returnId: id, actor: by, reason } = parse(writeOffReturnSchema, input, "write off");
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`update stock_returns set status = 'written_off', write_off_reason = ${reason},
          resolved_at = now(), resolved_by = ${by}
        where id = ${id} and status in ('expected', 'received') returning id`,
  );
  if (rows.length === 0) throw await refusal(tx, id, "written off");
  return { returnId: id, status: "written_off" };
}

/** Staff record a return for a shipped line (a parcel that came back without a signal). */
export async function createManualReturn(
  tx: Transaction,
  input: unknown,
): Promise<ReturnChange & { quantity: number }> {
  const {
    orderItemId,
    actor: by,
    quantity,
    note,
  } = parse(manualReturnSchema, input, "manual return");
  const [status] = await queryRows<{ status: string }>(
    tx,
    sql`select status from order_items where id = ${orderItemId}`,
  );
  if (!status) throw new AppError("not_found", `order item ${orderItemId} does not exist`);
  if (status.status !== "shipped" && status.status !== "refunded") {
    throw new AppError(
      "conflict",
      `order item ${orderItemId} is ${status.status}: only a shipped line can come back`,
    );
  }
  const [outcome] = await expectReturns(tx, [
    {
      orderItemId,
      source: "manual",
      externalId: null,
      note: note ?? null,
      quantity,
      createdBy: by,
    },
  ]);
  if (outcome?.kind !== "created") {
    throw new AppError(
      "conflict",
      outcome?.kind === "item_fully_returned"
        ? `order item ${orderItemId} already has returns for all its units`
        : `order item ${orderItemId} cannot get a return (${outcome?.kind ?? "unknown"})`,
    );
  }
  return { returnId: outcome.returnId, status: "expected", quantity: outcome.quantity };
}
