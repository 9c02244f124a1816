// npm run bench:locks -- [--orders=10000] [--workers=N] [--batch=100] [--json]
// Applies new orders (≈2 lines each, some with unknown SKUs) through upsertOrders on real
// PostgreSQL, one transaction per --batch orders as the sync writes them (ORDERS_PER_TRANSACTION;
// --batch=1: one transaction per order through upsertOrder): first sequentially on one
// connection, then with concurrent workers (default: one per core, as more workers on the
// same machine only queue for the same variation rows and cores); prints orders/s and checks
// every invariant.
// Uses BENCH_DATABASE_URL or DATABASE_URL (a database it may fill), else a throwaway cluster.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { z } from "zod";
import { type Database, openDatabase, queryRows } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { startPgCluster } from "@/db/testing/pg-cluster";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { upsertOrders, upsertVariations } from "@/lib/runtime";
import { checkStockInvariants } from "@/lib/stock/invariants";
import { ORDERS_PER_TRANSACTION } from "@/lib/sync/sync-context";

const optionsSchema = z.object({
  orders: z.coerce.number().int().positive().default(10_000),
  workers: z.coerce.number().int().min(2).max(64).default(Math.max(2, availableParallelism())),
  /** Orders per transaction, as the sync writes listed orders. */
  batch: z.coerce.number().int().positive().default(ORDERS_PER_TRANSACTION),
  json: z.boolean().default(false),
});

const VARIATIONS = 2_000;

async function prepare(url: string): Promise<{ marketplaces: number[]; runTag: string }> {
  const handle = await openDatabase({ url, max: 1 });
  try {
    const runTag = Date.now().toString(36);
    const marketplaces: number[] = [];
    for (const n of [1, 2, 3]) {
      const [row] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into marketplaces (code, name, provider, base_url, token_env)
            values (${`bench-${runTag}-${n}`}, ${`Bench ${n}`}, 'simulator', 'http://localhost', 'BENCH')
            returning id`,
      );
      if (row) marketplaces.push(row.id);
    }
    await handle.db.transaction((tx) =>
      upsertVariations(
        tx,
        Array.from({ length: VARIATIONS }, (_, i) => ({
          sku: `BENCH-${i}`,
          name: `Bench phone ${i}`,
          onHand: 50,
        })),
        { actor: "bench" },
      ),
    );
    // Every marketplace lists every variation: each lock queues pushes for the others.
    await handle.db.execute(sql`
      insert into marketplace_stock (marketplace_id, variation_id, buffer)
      select m.id, v.id, 1 from marketplaces m cross join variations v
      where m.code like ${`bench-${runTag}-%`} and v.sku like 'BENCH-%'
      on conflict do nothing`);
    return { marketplaces, runTag };
  } finally {
    await handle.close();
  }
}

function makeOrders(count: number, marketplaces: number[], prefix: string): NormalizedOrder[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, i) => {
    const lines = 1 + Math.floor(random() * 3); // 1–3 lines, 2 on average
    return {
      marketplaceId: marketplaces[i % marketplaces.length] as number,
      externalId: `${prefix}-${i}`,
      marketplaceState: "1",
      orderedAt: new Date(),
      items: Array.from({ length: lines }, (_, line) => ({
        externalId: `${line + 1}`,
        // One line in fifty names a SKU nobody knows yet (unmapped).
        sku: random() < 0.02 ? `UNKNOWN-${i}` : `BENCH-${Math.floor(random() * VARIATIONS)}`,
        quantity: 1,
        status: "new" as const,
        marketplaceState: "1",
      })),
    };
  });
}

async function applyAll(db: Database, orders: NormalizedOrder[], workers: number, batch: number) {
  let next = 0;
  let lines = 0;
  let locks = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < orders.length) {
        const page = orders.slice(next, next + batch);
        next += page.length;
        const results = await db.transaction((tx) => upsertOrders(tx, page));
        for (const result of results) {
          lines += result.items.length;
          locks += result.locksCreated;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    orders: orders.length,
    lines,
    locks,
    seconds: Number(seconds.toFixed(2)),
    ordersPerSecond: Math.round(orders.length / seconds),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      orders: { type: "string" },
      workers: { type: "string" },
      batch: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const options = optionsSchema.safeParse(values);
  if (!options.success) {
    console.error(z.prettifyError(options.error));
    return 2;
  }
  const { orders: count, workers, batch, json } = options.data;
  const log = (line: string) => console.error(line);

  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const cluster = given ? undefined : await startPgCluster();
  const stop = () => cluster?.stop();
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    let url = given;
    if (!url && cluster) {
      const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
      await admin.unsafe("create database bench");
      await admin.end();
      url = cluster.url("bench");
    }
    if (!url) throw new Error("no database");
    await migratePostgres(url);
    log(`database: ${given ? "given by the environment" : "throwaway cluster"}`);
    log(`${batch} order(s) per transaction`);
    const { marketplaces, runTag } = await prepare(url);

    const sequentialDb = await openDatabase({ url, max: 1 });
    const sequential = await applyAll(
      sequentialDb.db,
      makeOrders(count, marketplaces, `seq-${runTag}`),
      1,
      batch,
    );
    await sequentialDb.close();
    log(
      `sequential: ${sequential.orders} orders in ${sequential.seconds} s → ${sequential.ordersPerSecond} orders/s`,
    );

    const concurrentDb = await openDatabase({ url, max: workers });
    const concurrent = await applyAll(
      concurrentDb.db,
      makeOrders(count, marketplaces, `con-${runTag}`),
      workers,
      batch,
    );
    log(
      `concurrent (${workers} workers): ${concurrent.orders} orders in ${concurrent.seconds} s → ${concurrent.ordersPerSecond} orders/s`,
    );

    const report = await checkStockInvariants(concurrentDb.db);
    await concurrentDb.close();
    log(
      `invariants: ${
        report.ok
          ? "all hold"
          : report.invariants
              .filter((i) => !i.ok)
              .map((i) => i.name)
              .join(", ")
      }`,
    );
    if (json)
      console.log(
        JSON.stringify({ sequential, concurrent, workers, batch, invariantsOk: report.ok }),
      );
    return report.ok ? 0 : 1;
  } finally {
    stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
