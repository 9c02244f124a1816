// What staff do by hand (dashboard, CLI): set the physical count, release a lock. They go
// through the same plan as order events: row locks, atomic counters, a ledger row naming the
// person, and the push outbox.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Transaction } from "@/db/client";
import type { LockStatus } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { applyStockPlan } from "./apply-stock-plan";
import { StockPlan } from "./stock-plan";
import { lockVariationsById } from "./variation-locks";

const actorSchema = z.string().trim().min(1, "say who does it").max(200);

export const setOnHandInputSchema = z.object({
  variationId: z.number().int().positive(),
  onHand: z.number().int().min(0, "on hand cannot be negative"),
  actor: actorSchema,
  note: z.string().trim().max(500).nullish(),
  syncRunId: z.number().int().positive().optional(),
});
export type SetOnHandInput = z.input<typeof setOnHandInputSchema>;

export interface SetOnHandResult {
  variationId: number;
  previousOnHand: number;
  onHand: number;
  available: number;
}

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("bad_request", `${what}: ${z.prettifyError(parsed.error)}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** Sets a variation's physical count (a stock take, a delivery, a correction). */
export async function setOnHand(tx: Transaction, input: SetOnHandInput): Promise<SetOnHandResult> {
  const { variationId, onHand, actor, note, syncRunId } = parse(
    setOnHandInputSchema,
    input,
    "set on hand",
  );
  const counters = await lockVariationsById(tx, [variationId]);
  const current = counters.get(variationId);
  if (!current) throw new AppError("not_found", `variation ${variationId} does not exist`);
  const previousOnHand = current.onHand;
  const plan = new StockPlan(counters, { actor, syncRunId });
  plan.adjustOnHand(variationId, onHand - previousOnHand, { reason: "manual", note, actor });
  await applyStockPlan(tx, plan);
  return { variationId, previousOnHand, onHand, available: plan.available(variationId) };
}

export const releaseLockInputSchema = z.object({
  lockId: z.number().int().positive(),
  reason: z.string().trim().min(1, "give a reason").max(500),
  actor: actorSchema,
});
export type ReleaseLockInput = z.input<typeof releaseLockInputSchema>;

export interface ReleaseLockResult {
  lockId: number;
  /** False when the lock was no longer active (already consumed or cancelled). */
  released: boolean;
  status: LockStatus;
  available: number;
}

/**
 * Releases an active lock by hand (e.g. an order cancelled outside the marketplace API):
 * the lock becomes `cancelled`, its units are free, the ledger names the person and reason.
 * The reconciler never re-locks the item: a cancelled lock does not come back by itself.
 */
export async function releaseLock(
  tx: Transaction,
  input: ReleaseLockInput,
): Promise<ReleaseLockResult> {
  const { lockId, reason, actor } = parse(releaseLockInputSchema, input, "release lock");
  const [target] = await queryRows<{ variation_id: number }>(
    tx,
    sql`select variation_id from marketplace_stock_locks where id = ${lockId}`,
  );
  if (!target) throw new AppError("not_found", `lock ${lockId} does not exist`);
  const counters = await lockVariationsById(tx, [target.variation_id]);
  // Re-read under the variation's row lock: the status may have moved meanwhile.
  const [lock] = await queryRows<{
    order_item_id: number;
    marketplace_id: number;
    quantity: number;
    status: LockStatus;
  }>(
    tx,
    sql`select order_item_id, marketplace_id, quantity, status
        from marketplace_stock_locks where id = ${lockId}`,
  );
  if (!lock) throw new AppError("not_found", `lock ${lockId} does not exist`);
  const plan = new StockPlan(counters, { actor });
  if (lock.status !== "locked") {
    return {
      lockId,
      released: false,
      status: lock.status,
      available: plan.available(target.variation_id),
    };
  }
  plan.release(
    {
      lockId,
      orderItemId: lock.order_item_id,
      marketplaceId: lock.marketplace_id,
      variationId: target.variation_id,
      quantity: lock.quantity,
    },
    { reason, actor },
  );
  await applyStockPlan(tx, plan);
  return {
    lockId,
    released: true,
    status: "cancelled",
    available: plan.available(target.variation_id),
  };
}
