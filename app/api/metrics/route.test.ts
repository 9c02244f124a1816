// /api/metrics against real PostgreSQL: refused without METRICS_TOKEN (403), 401 on a missing
// or wrong token, 200 with Prometheus text whose database gauges equal direct SQL counts and
// whose histograms show a run and a push recorded through the real hooks.
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { markPushFailed } from "@/lib/push/record";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { startRun } from "@/lib/sync/runs";

const TOKEN = "metrics-test-token-0123456789";
const database = useTestDatabase();

type Sample = { name: string; labels: Record<string, string>; value: number };
type Exposition = { types: Map<string, string>; samples: Sample[] };

/** A strict reader of the text exposition format (0.0.4): throws on any line it cannot read. */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const name = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  const sampleLine = new RegExp(`^(${name})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(
      line,
    );
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    if (new RegExp(`^# HELP ${name} `).test(line)) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? "";
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < body.length) {
      const pair = labelPair.exec(body);
      if (!pair) throw new Error(`bad labels: ${line}`);
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, "$1");
    }
    // Go's ParseFloat (Prometheus's parser) reads NaN and Inf in any letter case.
    const raw = (match[3] as string).toLowerCase();
    const value = /^[+-]?inf$/.test(raw)
      ? raw.startsWith("-")
        ? -Infinity
        : Infinity
      : Number(raw);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`bad value: ${line}`);
    samples.push({ name: match[1] as string, labels, value });
  }
  return { types, samples };
}

function sum(exposition: Exposition, name: string, where: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

async function loadRoute(token: string | undefined) {
  process.env.DATABASE_URL = database.current.url;
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  // env() and the database handle are read once per module graph: start a fresh one.
  vi.resetModules();
  const { closeDb } = await import("@/db/client");
  await closeDb();
  const route = await import("./route");
  return { route, closeDb };
}

const get = (authorization?: string) =>
  new Request("http://localhost/api/metrics", {
    headers: authorization ? { authorization } : {},
  });

describe("GET /api/metrics (real PostgreSQL)", () => {
  let close: (() => Promise<void>) | undefined;
  let marketplaceA: number;
  let codeA: string;
  let codeB: string;
  let variationId: number;

  beforeAll(async () => {
    const db = database.current.db;
    codeA = `met-a-${process.pid}`;
    codeB = `met-b-${process.pid}`;
    marketplaceA = await createMarketplace(db, codeA);
    const marketplaceB = await createMarketplace(db, codeB);
    const ids = await createVariations(db, [{ sku: "MET-1", onHand: 20 }]);
    variationId = ids.get("MET-1") as number;
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id)
          values (${marketplaceA}, ${variationId}, 'L-MET')`,
    );
    // Orders, items and locks: 3 locked on A (units 1+2+3), 1 locked on B (4), others not.
    const [order] = await queryRows<{ id: number }>(
      db,
      sql`insert into orders (marketplace_id, external_id, status, marketplace_state, ordered_at)
          values (${marketplaceA}, 'O-MET', 'new', '1', now()) returning id`,
    );
    const orderId = order?.id as number;
    const locks: [number, number, string][] = [
      [marketplaceA, 1, "locked"],
      [marketplaceA, 2, "locked"],
      [marketplaceA, 3, "locked"],
      [marketplaceB, 4, "locked"],
      [marketplaceA, 5, "consumed"],
      [marketplaceB, 6, "cancelled"],
    ];
    for (const [index, [marketplace, quantity, status]] of locks.entries()) {
      const [item] = await queryRows<{ id: number }>(
        db,
        sql`insert into order_items (order_id, external_id, variation_id, sku, quantity, status,
              marketplace_state)
            values (${orderId}, ${`I-${index}`}, ${variationId}, 'MET-1', ${quantity}, 'new', '1')
            returning id`,
      );
      await db.execute(
        sql`insert into marketplace_stock_locks (order_item_id, order_id, marketplace_id,
              variation_id, quantity, status, consumed_at, released_at)
            values (${item?.id as number}, ${orderId}, ${marketplace}, ${variationId},
              ${quantity}, ${status},
              case when ${status} = 'consumed' then now() end,
              case when ${status} = 'cancelled' then now() end)`,
      );
    }
    await db.execute(
      sql`insert into sync_runs (type, marketplace_id, trigger, status, started_at)
          values ('new', ${marketplaceA}, 'cron', 'succeeded', now()),
                 ('new', ${marketplaceA}, 'cron', 'succeeded', now()),
                 ('new', ${marketplaceA}, 'cron', 'failed', now()),
                 ('modified', ${marketplaceB}, 'queue', 'partial', now())`,
    );
    await db.execute(
      sql`insert into stock_pushes (marketplace_id, variation_id, quantity, status, attempted_at)
          values (${marketplaceA}, ${variationId}, 1, 'sent', now()),
                 (${marketplaceA}, ${variationId}, 1, 'sent', now() - interval '1 hour'),
                 (${marketplaceA}, ${variationId}, 1, 'superseded', now()),
                 (${marketplaceA}, ${variationId}, 1, 'failed', now() - interval '2 days')`,
    );
  });

  afterEach(async () => {
    await close?.();
    close = undefined;
    delete process.env.DATABASE_URL;
    delete process.env.METRICS_TOKEN;
  });

  it("refuses every call with 403 while METRICS_TOKEN is not set, whatever the header", async () => {
    const { route, closeDb } = await loadRoute(undefined);
    close = closeDb;
    for (const header of [undefined, "Bearer ", `Bearer ${TOKEN}`, "Bearer undefined"]) {
      const response = await route.GET(get(header));
      expect(response.status, String(header)).toBe(403);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).not.toContain("stocklock_");
    }
  });

  it("answers 401 to a missing or wrong token", async () => {
    const { route, closeDb } = await loadRoute(TOKEN);
    close = closeDb;
    for (const header of [
      undefined,
      "Bearer ",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      const response = await route.GET(get(header));
      expect(response.status, String(header)).toBe(401);
      expect(await response.text()).not.toContain("stocklock_");
    }
  });

  it("serves Prometheus text whose database gauges equal direct SQL counts", async () => {
    const db = database.current.db;
    const { route, closeDb } = await loadRoute(TOKEN);
    close = closeDb;
    const response = await route.GET(get(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const metrics = parseExposition(await response.text());

    expect(metrics.types.get("stocklock_sync_runs_total")).toBe("counter");
    expect(metrics.types.get("stocklock_sync_run_duration_seconds")).toBe("histogram");
    expect(metrics.types.get("stocklock_push_latency_seconds")).toBe("histogram");
    expect(metrics.types.get("stocklock_push_attempts_total")).toBe("counter");
    expect(metrics.types.get("stocklock_orders_synced_total")).toBe("counter");
    for (const gauge of [
      "stocklock_sync_runs",
      "stocklock_active_locks",
      "stocklock_locked_units",
      "stocklock_pushes",
      "stocklock_open_alerts",
      "stocklock_metrics_database_up",
    ]) {
      expect(metrics.types.get(gauge), gauge).toBe("gauge");
    }
    expect(sum(metrics, "stocklock_metrics_database_up")).toBe(1);

    // Locks and units, per marketplace and in total.
    const [locks] = await queryRows<{ n: number; units: number }>(
      db,
      sql`select count(*)::int as n, sum(quantity)::int as units
          from marketplace_stock_locks where status = 'locked'`,
    );
    expect(sum(metrics, "stocklock_active_locks")).toBe(locks?.n);
    expect(sum(metrics, "stocklock_locked_units")).toBe(locks?.units);
    expect(sum(metrics, "stocklock_active_locks", { marketplace: codeA })).toBe(3);
    expect(sum(metrics, "stocklock_locked_units", { marketplace: codeA })).toBe(6);
    expect(sum(metrics, "stocklock_locked_units", { marketplace: codeB })).toBe(4);

    // Runs by marketplace, type and status.
    const runRows = await queryRows<{ code: string; type: string; status: string; n: number }>(
      db,
      sql`select m.code, r.type, r.status, count(*)::int as n
          from sync_runs r join marketplaces m on m.id = r.marketplace_id
          group by m.code, r.type, r.status`,
    );
    expect(runRows.length).toBeGreaterThan(0);
    for (const row of runRows) {
      const labels = { marketplace: row.code, type: row.type, status: row.status };
      expect(sum(metrics, "stocklock_sync_runs", labels), JSON.stringify(labels)).toBe(row.n);
    }
    expect(
      sum(metrics, "stocklock_sync_runs", { marketplace: codeA, type: "new", status: "succeeded" }),
    ).toBe(2);
    expect(
      sum(metrics, "stocklock_sync_runs", { marketplace: codeA, type: "new", status: "skipped" }),
    ).toBe(0);

    // Pushes by status over the last 24 h (the 2-day-old failure is outside the window).
    const pushRows = await queryRows<{ status: string; n: number }>(
      db,
      sql`select s.status, count(p.id)::int as n
          from unnest(array['sent', 'failed', 'superseded']) s(status)
          left join stock_pushes p on p.status = s.status
            and p.attempted_at > now() - interval '24 hours'
          group by s.status`,
    );
    for (const row of pushRows) {
      expect(sum(metrics, "stocklock_pushes", { status: row.status }), row.status).toBe(row.n);
    }
    expect(sum(metrics, "stocklock_pushes", { status: "sent" })).toBe(2);
    expect(sum(metrics, "stocklock_pushes", { status: "failed" })).toBe(0);
  });

  it("counts open alerts by kind once an alerts table exists", async () => {
    const db = database.current.db;
    await db.execute(sql`delete from alerts`);
    await db.execute(
      sql`insert into alerts (kind, subject, status, resolved_at) values
            ('push_failing', 'a', 'open', null), ('push_failing', 'b', 'open', null),
            ('oversold', 'MET-1', 'open', null), ('drift', 'x', 'resolved', now())`,
    );
    const { route, closeDb } = await loadRoute(TOKEN);
    close = closeDb;
    const metrics = parseExposition(await (await route.GET(get(`Bearer ${TOKEN}`))).text());
    const kinds = await queryRows<{ kind: string; n: number }>(
      db,
      sql`select kind, count(*)::int as n from alerts where status = 'open' group by kind`,
    );
    for (const row of kinds) {
      expect(sum(metrics, "stocklock_open_alerts", { kind: row.kind })).toBe(row.n);
    }
    expect(sum(metrics, "stocklock_open_alerts", { kind: "push_failing" })).toBe(2);
    expect(sum(metrics, "stocklock_open_alerts", { kind: "drift" })).toBe(0);
    expect(sum(metrics, "stocklock_open_alerts", { kind: "marketplace_silent" })).toBe(0);
    expect(
      metrics.samples.some((s) => s.name === "stocklock_open_alerts" && s.labels.kind === "drift"),
    ).toBe(true);
  });

  it("still serves the process metrics when the database read fails; the cause is logged only", async () => {
    vi.resetModules();
    const { logger } = await import("@/lib/log");
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const { renderMetrics } = await import("@/lib/metrics");
    const text = await renderMetrics(() =>
      Promise.reject(new Error("db.internal.example refused")),
    );
    const metrics = parseExposition(text);
    expect(sum(metrics, "stocklock_metrics_database_up")).toBe(0);
    expect(metrics.types.get("stocklock_push_latency_seconds")).toBe("histogram");
    expect(metrics.types.has("stocklock_active_locks")).toBe(false);
    expect(text).not.toContain("db.internal.example");
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it("shows a run finished and a push attempted through the real hooks in the histograms", async () => {
    const db = database.current.db;
    const { route, closeDb } = await loadRoute(TOKEN);
    close = closeDb;
    const scrape = async () =>
      parseExposition(await (await route.GET(get(`Bearer ${TOKEN}`))).text());
    const before = await scrape();

    const recorder = await startRun(db, {
      type: "care",
      marketplaceId: marketplaceA,
      trigger: "cli",
    });
    recorder.add({ fetched: 7 });
    const run = await recorder.finish();
    expect(run.status).toBe("succeeded");
    await markPushFailed(
      db,
      {
        variationId,
        marketplaceId: marketplaceA,
        claimToken: "not-held",
        error: "HTTP 503",
        retryAt: new Date(Date.now() + 60_000),
      },
      { quantity: 3, httpStatus: 503, durationMs: 1_500 },
    );

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      sum(after, name, labels) - sum(before, name, labels);
    const runLabels = { type: "care", status: "succeeded" };
    expect(delta("stocklock_sync_runs_total", runLabels)).toBe(1);
    expect(delta("stocklock_sync_run_duration_seconds_count", runLabels)).toBe(1);
    expect(delta("stocklock_sync_run_duration_seconds_bucket", { ...runLabels, le: "+Inf" })).toBe(
      1,
    );
    expect(delta("stocklock_orders_synced_total", { type: "care" })).toBe(7);
    expect(delta("stocklock_push_attempts_total", { status: "failed" })).toBe(1);
    expect(delta("stocklock_push_latency_seconds_count", { status: "failed" })).toBe(1);
    expect(delta("stocklock_push_latency_seconds_sum", { status: "failed" })).toBeCloseTo(1.5);
    // 1.5 s falls in the 2.5 s bucket, not in the 1 s one.
    expect(delta("stocklock_push_latency_seconds_bucket", { status: "failed", le: "1" })).toBe(0);
    expect(delta("stocklock_push_latency_seconds_bucket", { status: "failed", le: "2.5" })).toBe(1);
    // And the database sees the same attempt in the last 24 h.
    expect(sum(after, "stocklock_pushes", { status: "failed" })).toBe(1);
  });
});
