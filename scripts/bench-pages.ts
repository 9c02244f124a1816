// npm run bench:pages -- [--orders=200000] [--requests=30] [--concurrency=1] [--skip-build] [--base-url=URL]
// Server response time of each list page with typical filters, p50/p95 over repeated
// requests, against a production `next start` on real PostgreSQL with the large seed.
// --concurrency=N: N staff at once, each sending the case's requests one after another (the
// percentiles are over all N × requests answers).
// DATABASE_URL set → that database (seeded first if it holds no generated orders); unset →
// a throwaway cluster (startPgCluster) seeded with --orders. --base-url measures a running
// server instead (its database must hold the large seed).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openDatabase, queryRows } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { SEED_ORDER_PREFIX, seedLarge } from "@/db/seed/large";
import { freePort, type PgCluster, startPgCluster } from "@/db/testing/pg-cluster";
import { createStaffUser, findStaffUserByEmail, setStaffPassword } from "@/lib/auth/users";
import { type FirstLoadJs, frameworkScripts, measureFirstLoadJs } from "./first-load-js";

const BENCH_EMAIL = "bench@stocklock.invalid";
/** Issue 14's goal for every view on 200 k orders / ~1 M locks. */
const TARGET_P95_MS = 100;

const argsSchema = z.object({
  orders: z.coerce.number().int().min(100).default(200_000),
  requests: z.coerce.number().int().min(5).max(1000).default(30),
  concurrency: z.coerce.number().int().min(1).max(32).default(1),
  "skip-build": z.boolean().default(false),
  "base-url": z.url().optional(),
  json: z.boolean().default(false),
});
type Args = z.infer<typeof argsSchema>;

interface Case {
  name: string;
  path: string;
}

interface Result extends Case {
  status: number;
  p50: number;
  p95: number;
  max: number;
  bytes: number;
}

async function prepareDatabase(args: Args, url: string): Promise<void> {
  await migratePostgres(url);
  const handle = await openDatabase({ url, max: 2 });
  try {
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from orders where external_id like ${`${SEED_ORDER_PREFIX}%`}`,
    );
    if ((row?.n ?? 0) > 0) {
      console.error(`bench: database already holds ${row?.n} generated orders`);
      return;
    }
    console.error(`bench: seeding ${args.orders} orders (takes minutes)…`);
    const summary = await seedLarge(handle.db, {
      orders: args.orders,
      log: (m) => console.error(`bench: seed: ${m}`),
    });
    console.error(`bench: seeded ${JSON.stringify(summary)}`);
  } finally {
    await handle.close();
  }
}

/** Typical views, with ids and values taken from the data so filters match something. */
async function buildCases(url: string): Promise<Case[]> {
  const handle = await openDatabase({ url, max: 2 });
  try {
    const [pick] = await queryRows<{
      marketplace: number;
      variation: number;
      order: number;
      prefix: string;
    }>(
      handle.db,
      sql`select (select id from marketplaces where code = 'bm-fr') as marketplace,
                 (select variation_id from marketplace_stock_locks where status = 'locked' limit 1) as variation,
                 (select id from orders where external_id like ${`${SEED_ORDER_PREFIX}%`} order by id desc limit 1) as "order",
                 (select left(external_id, 7) from orders order by id desc limit 1) as prefix`,
    );
    if (!pick) throw new Error("no data to benchmark");
    const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const m = pick.marketplace;
    return [
      { name: "overview", path: "/" },
      { name: "orders: default", path: "/orders" },
      {
        name: "orders: marketplace + open statuses",
        path: `/orders?marketplace=${m}&status=new,accepted`,
      },
      { name: "orders: search id prefix", path: `/orders?q=${pick.prefix}` },
      {
        name: "orders: shipped, last 30 days, page 5",
        path: `/orders?status=shipped&from=${month}&page=5`,
      },
      { name: "order detail", path: `/orders/${pick.order}` },
      { name: "locks: default", path: "/v2/stock-locks" },
      {
        name: "locks: marketplace + locked",
        path: `/v2/stock-locks?marketplace=${m}&status=locked`,
      },
      {
        name: "locks: consumed since 30 days",
        path: `/v2/stock-locks?status=consumed&from=${month}`,
      },
      { name: "locks: variation", path: `/v2/stock-locks?variation=${pick.variation}` },
      { name: "locks: search SKU", path: "/v2/stock-locks?q=IP13-128" },
      { name: "locks: stale only", path: "/v2/stock-locks?stale=1" },
      { name: "locks: sort by quantity", path: "/v2/stock-locks?sort=quantity.desc" },
      { name: "listing: default", path: "/v2/listing" },
      { name: "listing: drift", path: "/v2/listing?flag=drift" },
      {
        name: "listing: marketplace, by available",
        path: `/v2/listing?marketplace=${m}&sort=available.asc`,
      },
      { name: "sync: default", path: "/sync" },
      { name: "sync: failed + partial", path: "/sync?status=failed,partial" },
      { name: "marketplaces", path: "/marketplaces" },
    ];
  } finally {
    await handle.close();
  }
}

/** A viewer account for the benchmark, with a fresh random password each run. */
async function ensureBenchUser(url: string): Promise<string> {
  const password = `bench-${randomBytes(12).toString("hex")}`;
  const handle = await openDatabase({ url, max: 2 });
  try {
    const context = { actor: null, via: "bench:pages" };
    const existing = await findStaffUserByEmail(handle.db, BENCH_EMAIL);
    if (existing) await setStaffPassword(handle.db, { userId: existing.id, password }, context);
    else {
      await createStaffUser(
        handle.db,
        { email: BENCH_EMAIL, password, name: "Benchmark", role: "viewer" },
        context,
      );
    }
  } finally {
    await handle.close();
  }
  return password;
}

/** Signs in through the app's auth endpoint and returns the session cookie. */
async function signIn(baseUrl: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: BENCH_EMAIL, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Time until the whole (streamed) document has arrived. */
async function timeRequest(
  url: string,
  cookie: string,
): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { accept: "text/html", cookie },
    redirect: "manual",
  });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

async function measure(
  baseUrl: string,
  cookie: string,
  cases: Case[],
  load: { requests: number; concurrency: number },
): Promise<Result[]> {
  const results: Result[] = [];
  for (const c of cases) {
    for (let i = 0; i < 3; i++) await timeRequest(baseUrl + c.path, cookie); // warm-up
    const answers = (
      await Promise.all(
        Array.from({ length: load.concurrency }, async () => {
          const mine: Awaited<ReturnType<typeof timeRequest>>[] = [];
          for (let i = 0; i < load.requests; i++) {
            mine.push(await timeRequest(baseUrl + c.path, cookie));
          }
          return mine;
        }),
      )
    ).flat();
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    const result = {
      ...c,
      // Any answer other than 200 is the one reported (a page that failed once failed).
      status: answers.find((a) => a.status !== 200)?.status ?? 200,
      p50: Math.round(percentile(times, 50)),
      p95: Math.round(percentile(times, 95)),
      max: Math.round(times.at(-1) ?? 0),
      bytes: answers.at(-1)?.bytes ?? 0,
    };
    console.error(
      `bench: ${c.name.padEnd(40)} ${String(result.status).padEnd(4)} p50 ${String(result.p50).padStart(5)} ms  p95 ${String(result.p95).padStart(5)} ms`,
    );
    results.push(result);
  }
  return results;
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const next = "node_modules/next/dist/bin/next";
  const child = spawn("node", [next, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? randomBytes(24).toString("base64"),
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("next start did not answer /api/health within 60 s");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      orders: { type: "string" },
      requests: { type: "string" },
      concurrency: { type: "string" },
      "skip-build": { type: "boolean" },
      "base-url": { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`bench:pages: ${z.prettifyError(parsed.error)}`);
    return 2;
  }
  const args = parsed.data;
  let cluster: PgCluster | undefined;
  let server: ChildProcess | undefined;
  const cleanup = () => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    cluster?.stop();
  };
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      cluster = await startPgCluster();
      databaseUrl = cluster.url();
      console.error(`bench: throwaway PostgreSQL on port ${cluster.port}`);
    }
    await prepareDatabase(args, databaseUrl);
    let baseUrl = args["base-url"];
    if (!baseUrl) {
      if (!args["skip-build"]) {
        console.error("bench: next build…");
        const build = spawnSync("npx", ["next", "build"], {
          stdio: ["ignore", "ignore", "inherit"],
        });
        if (build.status !== 0) throw new Error("next build failed");
      }
      const started = await startServer(databaseUrl);
      server = started.child;
      baseUrl = started.url;
    }
    const cookie = await signIn(baseUrl, await ensureBenchUser(databaseUrl));
    const results = await measure(baseUrl, cookie, await buildCases(databaseUrl), args);
    const worst = Math.max(...results.map((r) => r.p95));
    const firstLoadJs = await measureFirstLoadJs(
      baseUrl,
      cookie,
      [...new Set(results.map((r) => r.path.split("?")[0] ?? r.path))],
      // The build this process served; a server elsewhere may run another.
      args["base-url"] ? undefined : frameworkScripts(),
    );
    const summary = {
      requests: args.requests,
      concurrency: args.concurrency,
      targetP95Ms: TARGET_P95_MS,
      worstP95Ms: worst,
      results,
      firstLoadJs,
    };
    console.log(args.json ? JSON.stringify(summary) : formatTables(results, firstLoadJs));
    return results.every((r) => r.status === 200) ? 0 : 1;
  } finally {
    cleanup();
  }
}

function formatTables(results: Result[], js: FirstLoadJs[]): string {
  const lines = [
    "| route | scripts | first-load JS (raw KB) | gzip KB | of which framework | of which app |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of js) {
    lines.push(
      `| \`${r.path}\` | ${r.scripts} | ${r.rawKb} | ${r.gzipKb} | ${r.frameworkGzipKb ?? "?"} | ${r.appGzipKb ?? "?"} |`,
    );
  }
  return `${formatTable(results)}\n\n${lines.join("\n")}`;
}

function formatTable(results: Result[]): string {
  const lines = [
    `| page | p50 ms | p95 ms (goal ≤ ${TARGET_P95_MS}) | max ms | KB |`,
    "|---|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    const p95 = r.p95 > TARGET_P95_MS ? `**${r.p95}** over` : String(r.p95);
    lines.push(
      `| ${r.name} (\`${r.path}\`) | ${r.p50} | ${p95} | ${r.max} | ${Math.round(r.bytes / 1024)} |`,
    );
  }
  return lines.join("\n");
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:pages failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
