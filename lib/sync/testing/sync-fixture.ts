// A test world for the sync: a fresh PostgreSQL database, a simulator, one Back Market and one
// Refurbed marketplace pointing at it, and a few variations listed on both.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { demoTokens } from "@/lib/marketplaces/simulator/catalogue";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "@/lib/marketplaces/simulator/server";
import { fastTimings } from "@/lib/marketplaces/testing/fast-clients";
import { runSync, upsertVariations } from "@/lib/runtime";
import type { RequestedSyncType } from "../options";
import type { RunSyncOptions } from "../run-sync";

export const BM_TOKEN_ENV = "STOCKLOCK_TEST_BM_TOKEN";
export const RF_TOKEN_ENV = "STOCKLOCK_TEST_RF_TOKEN";

export interface SyncWorld {
  database: TestDatabase;
  sim: Simulator;
  bm: { id: number; code: string };
  rf: { id: number; code: string };
  /** Variation id by SKU. */
  variation: Record<string, number>;
  sync(
    type: RequestedSyncType,
    marketplace?: string,
    extra?: Partial<RunSyncOptions>,
  ): ReturnType<typeof runSync>;
  close(): Promise<void>;
}

/** Fast clients allowed to call the simulator on 127.0.0.1 (a loopback host). */
export const adapterOptions = { timings: fastTimings(), hostPolicy: { allowPrivate: true } };

/** `stock` maps SKU → on_hand; each is listed on both marketplaces with the simulator's ids. */
export async function createSyncWorld(
  stock: Record<string, number>,
  options: { simulator?: SimulatorOptions } = {},
): Promise<SyncWorld> {
  const database = await createTestDatabase();
  const sim = await startSimulator({ seed: 11, ...options.simulator });
  const { db } = database;
  const { bm, rf, variation } = await seedSimulatedMarketplaces(db, sim, stock);
  return {
    database,
    sim,
    bm,
    rf,
    variation,
    sync: (type, marketplace, extra) =>
      runSync({ type, marketplace, db, trigger: "cli", adapterOptions, ...extra }),
    async close() {
      await sim.close();
      await database.close();
    },
  };
}

/** Row counts and checksums of everything a sync writes (to prove a re-run changed nothing). */
export async function databaseFingerprint(
  target: SyncWorld | Database,
): Promise<Record<string, unknown>> {
  const db = "sim" in target ? target.database.db : target;
  const [row] = await queryRows(
    db,
    sql`select
      (select count(*)::int from orders) as orders,
      (select md5(string_agg(concat_ws('|', id, status, marketplace_state, label_url,
        delivery_note_url, modified_at), ',' order by id)) from orders) as orders_sum,
      (select count(*)::int from order_items) as items,
      (select md5(string_agg(concat_ws('|', id, status, variation_id, care_id), ',' order by id))
        from order_items) as items_sum,
      (select count(*)::int from marketplace_stock_locks) as locks,
      (select md5(string_agg(concat_ws('|', id, status, quantity), ',' order by id))
        from marketplace_stock_locks) as locks_sum,
      (select count(*)::int from stock_movements) as movements,
      (select count(*)::int from domain_events) as events,
      (select md5(string_agg(concat_ws('|', id, on_hand, locked_quantity), ',' order by id))
        from variations) as variations_sum`,
  );
  return row ?? {};
}

/**
 * Into an existing database: a Back Market (`bm-fr`) and a Refurbed (`rf`) marketplace pointing
 * at the simulator (tokens in BM_TOKEN_ENV/RF_TOKEN_ENV), and the variations of `stock`
 * (SKU → on_hand) listed on both with the simulator's listing ids.
 */
export async function seedSimulatedMarketplaces(
  db: Database,
  sim: Simulator,
  stock: Record<string, number>,
): Promise<Pick<SyncWorld, "bm" | "rf" | "variation">> {
  process.env[BM_TOKEN_ENV] = demoTokens.backmarket;
  process.env[RF_TOKEN_ENV] = demoTokens.refurbed;
  const [bm, rf] = await db
    .insert(marketplaces)
    .values([
      {
        code: "bm-fr",
        name: "Back Market FR",
        provider: "backmarket",
        baseUrl: sim.url,
        tokenEnv: BM_TOKEN_ENV,
        country: "fr-fr",
        settings: { userAgent: "BM-Stocklock-Tests;dev@example.com" },
      },
      {
        code: "rf",
        name: "Refurbed",
        provider: "refurbed",
        baseUrl: sim.url,
        tokenEnv: RF_TOKEN_ENV,
      },
    ])
    .returning({ id: marketplaces.id, code: marketplaces.code });
  if (!bm || !rf) throw new Error("marketplaces not created");
  // As a CSV import records them: the ledger starts with the counted units.
  await db.transaction((tx) =>
    upsertVariations(
      tx,
      Object.entries(stock).map(([sku, onHand]) => ({ sku, name: sku, onHand })),
      { actor: "test" },
    ),
  );
  const variation: Record<string, number> = {};
  for (const row of await db.select().from(variations)) variation[row.sku] = row.id;
  for (const [sku, id] of Object.entries(variation)) {
    const row = { id };
    const listing = sim.store.listingBySku(sku);
    if (!listing) continue;
    await db.insert(marketplaceStock).values([
      {
        marketplaceId: bm.id,
        variationId: row.id,
        externalListingId: listing.bmListingId,
        externalSku: sku,
        listedQuantity: listing.quantity,
      },
      {
        marketplaceId: rf.id,
        variationId: row.id,
        externalListingId: listing.rfOfferId,
        externalSku: sku,
        listedQuantity: listing.quantity,
      },
    ]);
  }
  return { bm, rf, variation };
}
