import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { migratePglite } from "./migrate";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One handle type for both drivers: callers never know which database they got. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Where the data lives, without credentials (for logs and /api/health). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; when absent the embedded database is opened. */
  url?: string;
  /** Data directory for the embedded database; "memory://" keeps it in memory. */
  pgliteDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
  /** false: run statements unprepared (STOCKLOCK_NO_PREPARE, for poolers that cannot keep them). */
  prepare?: boolean;
}

/** Opens a database; the embedded one is migrated before it is handed out. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: "stocklock" },
    });
    const db = drizzlePostgres(options.prepare === false ? client : preparingClient(client), {
      schema,
    }) as unknown as Database;
    const url = options.url;
    dedicatedConnectors.set(db, (hooks) =>
      postgres(url, {
        max: 1,
        onnotice: () => {},
        onclose: hooks.onclose,
        // Fail fast when the server is gone: the caller decides what a lost connection means.
        connect_timeout: 10,
        idle_timeout: 0,
        connection: { application_name: hooks.applicationName },
      }),
    );
    return {
      db,
      kind: "postgres",
      location: redactUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = options.pgliteDir ?? ".data/pglite";
  // turbopackIgnore: the data directory is chosen at run time; it is not part of the app bundle.
  const dataDir = dir.startsWith("memory://")
    ? dir
    : path.resolve(/* turbopackIgnore: true */ process.cwd(), dir);
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  await migratePglite(client);
  return { db, kind: "pglite", location: dataDir, close: () => client.close() };
}

export interface DedicatedConnectionHooks {
  /** Shown in pg_stat_activity, so staff can tell what holds the connection. */
  applicationName: string;
  /** Called when the connection closes (ended, killed, or the server went away). */
  onclose?: () => void;
}

type DedicatedConnector = (hooks: DedicatedConnectionHooks) => postgres.Sql;
const dedicatedConnectors = new WeakMap<object, DedicatedConnector>();

/**
 * A single connection to the same PostgreSQL database, outside the handle's pool (the sync's
 * session-level run locks live on one each, so they never take a pooled connection).
 * Undefined for the embedded database. The caller ends it.
 */
export function openDedicatedConnection(
  db: Database,
  hooks: DedicatedConnectionHooks,
): postgres.Sql | undefined {
  return dedicatedConnectors.get(db)?.(hooks);
}

type PgClient = postgres.Sql | postgres.TransactionSql;

/**
 * Drizzle runs every query it was not asked to name as an unnamed statement, and postgres.js
 * then needs a separate Describe round trip before each parameterised execution. Marking all
 * statements preparable lets postgres.js cache them per connection: one round trip per query
 * and no re-parsing of the stock core's large statements. Transactions and savepoints hand
 * out their own client objects, so those are wrapped too.
 */
function preparingClient<T extends PgClient>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "unsafe") {
        return (query: string, params?: unknown[], options?: object) =>
          // biome-ignore lint/suspicious/noExplicitAny: postgres.js's parameter types are narrower than drizzle's
          target.unsafe(query, params as any, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(
            target,
            ...args,
            (tx: postgres.TransactionSql) => callback(preparingClient(tx)),
          );
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}

// One handle per process; kept on globalThis so Next's dev reloads do not open a second
// embedded database over the same files.
const globalForDb = globalThis as unknown as { __stocklockDb?: Promise<DatabaseHandle> };

/** The process's database, opened from the environment on first use. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__stocklockDb) {
    const { DATABASE_URL, PGLITE_DIR, STOCKLOCK_NO_PREPARE } = env();
    const opening = openDatabase({
      url: DATABASE_URL,
      pgliteDir: PGLITE_DIR,
      prepare: !STOCKLOCK_NO_PREPARE,
    });
    // A failed open is not cached: the next call tries again.
    opening.catch(() => {
      globalForDb.__stocklockDb = undefined;
    });
    globalForDb.__stocklockDb = opening;
  }
  return globalForDb.__stocklockDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Closes the process's database (CLI commands call this before they exit). */
export async function closeDb(): Promise<void> {
  const opening = globalForDb.__stocklockDb;
  globalForDb.__stocklockDb = undefined;
  if (opening) await (await opening).close();
}

/**
 * Runs raw SQL and returns its rows, whichever driver is underneath
 * (postgres.js returns an array, PGlite an object with `rows`).
 */
export async function queryRows<T extends Record<string, unknown>>(
  executor: Executor,
  query: SQL,
): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The PostgreSQL error behind a failed query (drizzle wraps it in `cause`), if there is one. */
export function pgError(
  error: unknown,
): { code: string; message: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; constraint?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        message: String(candidate.message ?? ""),
        constraint:
          typeof candidate.constraint === "string"
            ? candidate.constraint
            : (current as { constraint_name?: string }).constraint_name,
      };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
