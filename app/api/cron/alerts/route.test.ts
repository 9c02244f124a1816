// The alert route called as Next calls it: refused without the cron secret, and with it one
// evaluation that opens, reports and (the next time) resolves an episode in the database.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";

const SECRET = "cron-alerts-secret-0123456789";
let database: TestDatabase;
let route: typeof import("./route");
let closeDb: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.CRON_SECRET = SECRET;
  vi.resetModules();
  route = await import("./route");
  ({ closeDb } = await import("@/db/client"));
});

afterAll(async () => {
  await closeDb?.();
  delete process.env.DATABASE_URL;
  delete process.env.CRON_SECRET;
  await database?.close();
});

const call = (authorization?: string, method: "GET" | "POST" = "POST") =>
  route[method](
    new Request("http://localhost/api/cron/alerts", {
      method,
      headers: authorization ? { authorization } : {},
    }),
  );

describe("GET/POST /api/cron/alerts", () => {
  it("answers 401 without the secret and evaluates nothing", async () => {
    await database.db.execute(
      sql`insert into variations (sku, name, on_hand, locked_quantity)
          values ('CRON-OVERSOLD', 'x', 1, 2)`,
    );
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${SECRET}x`)).status).toBe(401);
    expect(await queryRows(database.db, sql`select id from alerts`)).toEqual([]);
  });

  it("with the secret: opens what holds, reports it, then resolves it once it no longer holds", async () => {
    const opened = await call(`Bearer ${SECRET}`);
    expect(opened.status).toBe(200);
    const body = await opened.json();
    expect(body.opened).toEqual([{ kind: "oversold", subject: "CRON-OVERSOLD" }]);
    expect(body.open).toMatchObject([{ kind: "oversold", subject: "CRON-OVERSOLD" }]);
    // Again: nothing new (an episode opens once).
    expect((await (await call(`Bearer ${SECRET}`, "GET")).json()).opened).toEqual([]);

    await database.db.execute(sql`update variations set on_hand = 5 where sku = 'CRON-OVERSOLD'`);
    const resolved = await (await call(`Bearer ${SECRET}`)).json();
    expect(resolved.resolved).toEqual([{ kind: "oversold", subject: "CRON-OVERSOLD" }]);
    const rows = await queryRows<{ status: string }>(
      database.db,
      sql`select status from alerts where subject = 'CRON-OVERSOLD'`,
    );
    expect(rows).toEqual([{ status: "resolved" }]);
  });
});
