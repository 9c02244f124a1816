// The cron route called as Next calls it: a Request in, a Response out.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { syncRuns } from "@/db/schema";
import { createSyncWorld, type SyncWorld } from "@/lib/sync/testing/sync-fixture";

const SECRET = "cron-test-secret-0123456789";
let world: SyncWorld;
let route: typeof import("./route");
let closeDb: () => Promise<void>;

beforeAll(async () => {
  world = await createSyncWorld({ "IPH13-128-MID-A": 2 });
  world.sim.addOrder({ channel: "backmarket", lines: [{ sku: "IPH13-128-MID-A" }] });
  process.env.DATABASE_URL = world.database.url;
  process.env.SYNC_EXECUTION = "inline";
  process.env.CRON_SECRET = SECRET;
  // The route reads the environment once per module graph: load it after setting it.
  vi.resetModules();
  route = await import("./route");
  ({ closeDb } = await import("@/db/client"));
});

afterAll(async () => {
  await closeDb?.();
  delete process.env.DATABASE_URL;
  delete process.env.SYNC_EXECUTION;
  delete process.env.CRON_SECRET;
  await world?.close();
});

const call = (query: string, authorization?: string, method: "GET" | "POST" = "GET") =>
  route[method](
    new Request(`http://localhost/api/cron/sync${query}`, {
      method,
      headers: authorization ? { authorization } : {},
    }),
  );

describe("GET/POST /api/cron/sync", () => {
  it("answers 401 without a token, with a wrong one, and when no secret is configured", async () => {
    expect((await call("?type=new")).status).toBe(401);
    expect((await call("?type=new", `Bearer ${SECRET}x`)).status).toBe(401);
    expect((await call("?type=new", SECRET)).status).toBe(401);
    delete process.env.CRON_SECRET;
    try {
      // The environment is read once per module graph: a route loaded without the secret.
      vi.resetModules();
      const unconfigured = await import("./route");
      const refused = await unconfigured.GET(
        new Request("http://localhost/api/cron/sync?type=new", {
          headers: { authorization: "Bearer " },
        }),
      );
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { message: /CRON_SECRET is not set/ } });
    } finally {
      process.env.CRON_SECRET = SECRET;
    }
    expect(await world.database.db.select().from(syncRuns)).toEqual([]);
  });

  it("answers 400 for a bad type or marketplace", async () => {
    const response = await call("?type=everything", `Bearer ${SECRET}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
    expect((await call("?type=new&marketplace=nope", `Bearer ${SECRET}`)).status).toBe(404);
  });

  it("runs the sync with the right secret and answers 200 with the summary", async () => {
    const response = await call("?type=new&marketplace=bm-fr", `Bearer ${SECRET}`, "POST");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      mode: "inline",
      summary: { exitCode: 0, runs: [{ marketplace: "bm-fr", type: "new", status: "succeeded" }] },
    });
    const rows = await world.database.db.select().from(syncRuns);
    expect(rows.map((r) => [r.trigger, r.created])).toEqual([["cron", 1]]);
  });
});
