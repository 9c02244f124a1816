import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… for real PostgreSQL; unset → embedded PGlite. */
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  /** Where the embedded database keeps its files when DATABASE_URL is unset. */
  PGLITE_DIR: optionalString.pipe(z.string().default(".data/pglite")),
  /** Bearer token the cron route requires; unset → the route refuses every call. */
  CRON_SECRET: optionalString,
  // --- metrics (issue 14) ---
  /**
   * Bearer token Prometheus sends to /api/metrics; unset → the route refuses every call (403).
   * Compared in constant time; choose a long random value (e.g. `openssl rand -hex 32`).
   */
  METRICS_TOKEN: optionalString,
  // --- end metrics ---
  /**
   * Where "sync now" and the cron route run a sync: `queue` enqueues pg-boss jobs for
   * `npm run worker`, `inline` runs it in this process. `auto`: inline on the embedded
   * database and on Vercel (no worker there), queue on PostgreSQL otherwise.
   */
  SYNC_EXECUTION: optionalString.pipe(z.enum(["auto", "queue", "inline"]).default("auto")),
  /**
   * The seed schedule inside the app process (embedded database, or SYNC_EXECUTION=inline):
   * `auto` runs it in demo mode only (so `npm run dev` fills itself); `on` always; `off` never.
   * With PostgreSQL and the queue, `npm run worker` runs the schedule instead.
   */
  SYNC_SCHEDULE: optionalString.pipe(z.enum(["auto", "on", "off"]).default("auto")),
  /** "1" turns on the demo (seeded data, simulated marketplaces, demo credentials on /login). */
  DEMO_MODE: optionalString.pipe(z.enum(["0", "1"]).default("0")).transform((v) => v === "1"),
  /** Active stock locks older than this many days are flagged stale on /v2/stock-locks. */
  STALE_LOCK_DAYS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of days").default("3"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(365)),
  /**
   * A sync run (one marketplace, one type) that has not finished after this many seconds is
   * aborted: it ends `failed`, its marketplace calls are cancelled and its lock is freed.
   */
  SYNC_RUN_DEADLINE_SECONDS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of seconds").default("900"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(86_400)),
  /**
   * How many marketplaces one sync request runs at once (the rest wait their turn): each
   * running one holds a dedicated lock connection and shares the pool with the app.
   */
  SYNC_MARKETPLACE_CONCURRENCY: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number").default("4"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(64)),
  /** Where the marketplace simulator listens (demo mode seeds marketplaces pointing at it). */
  SIMULATOR_URL: optionalString.pipe(z.url().default("http://127.0.0.1:3001")),
  /** Back Market's required User-Agent, `BM-<Company>-<Integration>;<email>` (per-row setting wins). */
  BACKMARKET_USER_AGENT: optionalString.pipe(
    z
      .string()
      .regex(/^BM-[^;]+;.+@.+$/, "must look like BM-<Company>-<Integration>;<email>")
      .optional(),
  ),
  /**
   * Signs session cookies (at least 32 characters; `openssl rand -base64 32`). Required when
   * NODE_ENV=production; elsewhere a fixed development secret is used (see lib/auth/config.ts).
   */
  BETTER_AUTH_SECRET: optionalString.pipe(
    z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  ),
  /**
   * The public URL of the dashboard, e.g. https://stock.example.com. Decides whether cookies are
   * `Secure` (https only) and which Origin may post to the auth API. Unset: taken from each
   * request (its Host, or X-Forwarded-Host/-Proto when TRUSTED_PROXY_HOPS > 0), cookies `Secure`
   * only in production.
   */
  BETTER_AUTH_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  ),
  /**
   * Reverse proxies in front of the app that append the client's address to X-Forwarded-For
   * (and set X-Forwarded-Host/-Proto). 0: none, the client is the TCP peer and every forwarded
   * header is ignored; 1: the last X-Forwarded-For entry is the client; N: the N-th from the end.
   */
  TRUSTED_PROXY_HOPS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of proxies").default("0"))
    .transform(Number)
    .pipe(z.number().int().min(0).max(10)),
  /** Unset: `info` for the app (lib/log.ts); the sync CLI chooses its own then. */
  LOG_LEVEL: optionalString.pipe(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
  /** Set by Vercel in its functions: no worker and no timers there (cron calls the route). */
  VERCEL: optionalString.transform((value) => value !== undefined && value !== "0"),
  /** Sync jobs one `npm run worker` runs at once. */
  WORKER_CONCURRENCY: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number").default("2"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(64)),
  /**
   * The fast new-order loop (lib/jobs/new-order-loop.ts): every active marketplace is polled
   * for new orders this often by `npm run worker` and the in-process schedule; 0 turns the loop
   * off (new orders then wait for the 5-minute schedule). One empty poll is one request.
   */
  NEW_ORDER_POLL_SECONDS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of seconds").default("20"))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .refine((n) => n === 0 || (n >= 5 && n <= 3_600), "must be 0 (off) or 5–3600 seconds"),
    ),
  /** "1": run postgres.js statements unprepared (a pooler in transaction mode may need it). */
  STOCKLOCK_NO_PREPARE: optionalString
    .pipe(z.enum(["0", "1"]).default("0"))
    .transform((v) => v === "1"),
  /** `npm run simulator`: where it listens (SIMULATOR_PORT, else PORT, else 3001), its seed and tick. */
  SIMULATOR_PORT: optionalString.pipe(
    z.string().regex(/^\d+$/, "must be a port number").optional(),
  ),
  PORT: optionalString.pipe(z.string().regex(/^\d+$/, "must be a port number").optional()),
  SIMULATOR_HOST: optionalString.pipe(z.string().default("127.0.0.1")),
  SIMULATOR_SEED: optionalString.pipe(
    z.string().regex(/^\d+$/, "must be a whole number").optional(),
  ),
  SIMULATOR_TICK_MS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of ms").default("4000"))
    .transform(Number),
  /** `npm run simulator`: where the simulated Shopify shop delivers its webhooks (the app's route). */
  SIMULATOR_SHOPIFY_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  /**
   * "1" lets marketplace base URLs reach loopback and private networks (127/8, ::1, 10/8,
   * 172.16/12, 192.168/16, 100.64/10, fc00::/7): the simulator on 127.0.0.1, a marketplace
   * behind a VPN. "0" refuses them. Unset: on in demo mode (DEMO_MODE=1) and under tests
   * (NODE_ENV=test), off otherwise. Link-local and cloud-metadata addresses are always refused.
   */
  MARKETPLACE_ALLOW_PRIVATE_HOSTS: optionalString.pipe(z.enum(["0", "1"]).optional()),
  // ── Alerts (lib/alerts; evaluated every minute by the worker or the in-process schedule) ──
  /** Where alerts are posted as JSON with a `text` field (Slack incoming webhook); unset → none. */
  ALERT_WEBHOOK_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  ),
  /** smtp://user:pass@host:port (smtps:// for TLS) for alert e-mails; unset → no e-mail. */
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
  ),
  /** Recipients of alert e-mails (comma-separated); unset → no e-mail. */
  ALERT_EMAIL_TO: optionalString,
  /** Sender of alert e-mails. */
  ALERT_EMAIL_FROM: optionalString.pipe(z.string().default("Stocklock <stocklock@localhost>")),
  /** A notification (webhook call, SMTP session) gives up after this many ms (retried later). */
  ALERT_NOTIFY_TIMEOUT_MS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of ms").default("10000"))
    .transform(Number)
    .pipe(z.number().int().min(100).max(120_000)),
  /**
   * push_failing: a listing's pushes have failed (no success since) for this many minutes
   * (0: at the first failed attempt).
   */
  ALERT_PUSH_FAILING_MINUTES: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of minutes").default("15"))
    .transform(Number)
    .pipe(z.number().int().min(0).max(10_080)),
  /** sync_failing: this many finished runs in a row of a (marketplace, type) pair failed… */
  ALERT_SYNC_FAILED_RUNS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of runs").default("3"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(100)),
  /** …or the pair has had no successful run for this many times its schedule interval. */
  ALERT_SYNC_SILENT_INTERVALS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number").default("3"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(100)),
  /** marketplace_silent: an active marketplace has had no successful sync for this many minutes. */
  ALERT_MARKETPLACE_SILENT_MINUTES: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of minutes").default("60"))
    .transform(Number)
    .pipe(z.number().int().min(1).max(10_080)),
  /** drift: a listing's stock-synced quantity differs from publishable, uncorrected this long. */
  ALERT_DRIFT_GRACE_MINUTES: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of minutes").default("15"))
    .transform(Number)
    .pipe(z.number().int().min(0).max(10_080)),
  // stale_lock uses STALE_LOCK_DAYS (above). ── end of alerts ──
});

/** Every variable this schema reads: marketplace token variables may never name one. */
export const appEnvNames: readonly string[] = Object.keys(envSchema.shape);

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment object; throws an EnvError that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`,
  );
  throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
}

/** Whether marketplace calls may go to loopback and private addresses (see the variable). */
export function privateMarketplaceHostsAllowed(source: Env = env()): boolean {
  const setting = source.MARKETPLACE_ALLOW_PRIVATE_HOSTS;
  if (setting !== undefined) return setting === "1";
  return source.DEMO_MODE || source.NODE_ENV === "test";
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Where per-marketplace token variables (named by marketplaces.token_env) are read from. Read
 * a token only through lib/validations/token-env.ts, which refuses the app's own variables.
 */
export function tokenVariables(): Record<string, string | undefined> {
  return process.env;
}

/**
 * `npm run cli -- user …`: the password given in STOCKLOCK_USER_PASSWORD, instead of asking on
 * the terminal. Read at each call, not with env(): it is one command's input, not settings.
 */
export function userPasswordVariable(): string | undefined {
  return process.env.STOCKLOCK_USER_PASSWORD || undefined;
}
