// Builders for stock tests: a marketplace, variations, and normalised orders.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import type { ItemStatus } from "@/lib/domain/enums";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { upsertVariations } from "@/lib/runtime";

let marketplaceSeq = 0;

export async function createMarketplace(db: Database, code?: string): Promise<number> {
  marketplaceSeq++;
  const name = code ?? `mp-${process.pid}-${marketplaceSeq}`;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into marketplaces (code, name, provider, base_url, token_env)
        values (${name}, ${name}, 'simulator', 'http://localhost', 'SIM_TOKEN') returning id`,
  );
  if (!row) throw new Error("no marketplace");
  return row.id;
}

/** Creates (or updates) variations through the ledger; returns their ids by SKU. */
export async function createVariations(
  db: Database,
  rows: { sku: string; onHand: number; name?: string }[],
): Promise<Map<string, number>> {
  await db.transaction((tx) =>
    upsertVariations(
      tx,
      rows.map((row) => ({ sku: row.sku, name: row.name ?? row.sku, onHand: row.onHand })),
      { actor: "test" },
    ),
  );
  const found = await queryRows<{ id: number; sku: string }>(
    db,
    sql`select id, sku from variations where sku in (select value from json_array_elements_text(${JSON.stringify(rows.map((r) => r.sku))}::json))`,
  );
  return new Map(found.map((row) => [row.sku, row.id]));
}

export interface LineSpec {
  externalId?: string;
  sku: string;
  quantity?: number;
  status: ItemStatus;
}

export function makeOrder(
  marketplaceId: number,
  externalId: string,
  lines: LineSpec[],
  extra: Partial<NormalizedOrder> = {},
): NormalizedOrder {
  return {
    marketplaceId,
    externalId,
    marketplaceState: "1",
    orderedAt: new Date("2026-01-10T10:00:00Z"),
    items: lines.map((line, index) => ({
      externalId: line.externalId ?? `${externalId}-${index + 1}`,
      sku: line.sku,
      quantity: line.quantity ?? 1,
      status: line.status,
      marketplaceState: line.status,
    })),
    ...extra,
  };
}

export type LockRow = {
  id: number;
  order_item_id: number;
  variation_id: number;
  quantity: number;
  status: string;
};

export async function locksOfOrder(
  db: Database,
  marketplaceId: number,
  externalId: string,
): Promise<LockRow[]> {
  return queryRows<LockRow>(
    db,
    sql`select l.id, l.order_item_id, l.variation_id, l.quantity, l.status
        from marketplace_stock_locks l join orders o on o.id = l.order_id
        where o.marketplace_id = ${marketplaceId} and o.external_id = ${externalId}
        order by l.order_item_id`,
  );
}

export async function variationCounters(
  db: Database,
  variationId: number,
): Promise<{ onHand: number; locked: number; available: number }> {
  const [row] = await queryRows<{ on_hand: number; locked_quantity: number }>(
    db,
    sql`select on_hand, locked_quantity from variations where id = ${variationId}`,
  );
  if (!row) throw new Error(`no variation ${variationId}`);
  return {
    onHand: row.on_hand,
    locked: row.locked_quantity,
    available: row.on_hand - row.locked_quantity,
  };
}
