// /api/health is public: it may say up or down, never why (a PostgreSQL error names databases,
// users and hosts). The cause goes to the server log.
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";

const MISSING_DATABASE = "stocklock_health_missing_db";

async function loadRoute(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  // env() and the database handle are read once per module graph: start a fresh one.
  vi.resetModules();
  const { closeDb } = await import("@/db/client");
  await closeDb();
  const { logger } = await import("@/lib/log");
  const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
  const route = await import("./route");
  return { route, logged, closeDb };
}

describe("GET /api/health", () => {
  const database = useTestDatabase();
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    delete process.env.DATABASE_URL;
    vi.restoreAllMocks();
  });

  it("answers 200 {status: ok} with the database up, and nothing else", async () => {
    const { route, closeDb } = await loadRoute(database.current.url);
    close = closeDb;
    const response = await route.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 {status: down} without the database error, which goes to the log", async () => {
    const url = new URL(inject("pgAdminUrl"));
    url.pathname = `/${MISSING_DATABASE}`;
    const { route, logged, closeDb } = await loadRoute(url.toString());
    close = closeDb;

    const response = await route.GET();
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toEqual({ status: "down" });
    expect(text).not.toContain(MISSING_DATABASE);
    expect(text).not.toMatch(/does not exist|postgres|127\.0\.0\.1|localhost/i);

    // The cause is in the server log, with the PostgreSQL message.
    expect(logged).toHaveBeenCalledTimes(1);
    const [fields] = logged.mock.calls[0] as [{ err: Error }];
    expect(String((fields.err.cause as Error | undefined)?.message)).toContain(MISSING_DATABASE);
  });
});
