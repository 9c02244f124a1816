import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, auditLog, sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";

describe("npm run cli -- user", () => {
  const database = useTestDatabase();
  let run: (args: string[]) => Promise<number>;

  beforeAll(async () => {
    process.env.DATABASE_URL = database.current.url;
    ({ run } = await import("./user"));
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    const { closeDb } = await import("@/db/client");
    await closeDb();
  });

  it("adds the first admin with the password from STOCKLOCK_USER_PASSWORD", async () => {
    vi.stubEnv("STOCKLOCK_USER_PASSWORD", "first-admin-password");
    expect(await run(["add", "--email=Owner@Shop.test", "--role=admin", "--name=Owner"])).toBe(0);
    const [user] = await database.current.db
      .select()
      .from(users)
      .where(eq(users.email, "owner@shop.test"));
    expect(user).toMatchObject({ role: "admin", name: "Owner" });
    const [account] = await database.current.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, user?.id ?? ""));
    expect(account?.providerId).toBe("credential");
    expect(account?.password).not.toContain("first-admin-password");
    const [entry] = await database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user.created"));
    expect(entry?.input).toMatchObject({ password: "[redacted]", role: "admin" });
  });

  it("exits 2 on bad arguments and 1 on a duplicate, changing nothing", async () => {
    vi.stubEnv("STOCKLOCK_USER_PASSWORD", "another-good-password");
    expect(await run(["add", "--email=not-an-email", "--role=admin"])).toBe(2);
    expect(await run(["add", "--email=x@shop.test", "--role=owner"])).toBe(2);
    expect(await run(["add", "--email=x@shop.test"])).toBe(2);
    expect(await run(["frobnicate"])).toBe(2);
    expect(await run(["add", "--email=owner@shop.test", "--role=viewer"])).toBe(1);
    vi.stubEnv("STOCKLOCK_USER_PASSWORD", "short");
    expect(await run(["add", "--email=y@shop.test", "--role=viewer"])).toBe(2);
    const all = await database.current.db.select().from(users);
    expect(all.map((user) => user.email)).toEqual(["owner@shop.test"]);
  });

  it("changes a role, but never demotes the last admin", async () => {
    vi.stubEnv("STOCKLOCK_USER_PASSWORD", "second-user-password");
    expect(await run(["add", "--email=ops@shop.test", "--role=viewer"])).toBe(0);
    expect(await run(["set-role", "--email=ops@shop.test", "--role=operator"])).toBe(0);
    expect(await run(["set-role", "--email=owner@shop.test", "--role=viewer"])).toBe(1);
    const rows = await database.current.db.select().from(users).orderBy(users.email);
    expect(rows.map((user) => [user.email, user.role])).toEqual([
      ["ops@shop.test", "operator"],
      ["owner@shop.test", "admin"],
    ]);
  });

  it("deactivates (ending sessions) and reactivates; exit 2 on bad args, 1 on unknown or refused", async () => {
    const db = database.current.db;
    const [ops] = await db.select().from(users).where(eq(users.email, "ops@shop.test"));
    if (!ops) throw new Error("no ops user");
    await db.insert(sessions).values({
      id: "cli-test-session",
      token: "cli-test-token",
      userId: ops.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });

    expect(await run(["deactivate"])).toBe(2);
    expect(await run(["deactivate", "--email=not-an-email"])).toBe(2);
    expect(await run(["activate", "--email=ops@shop.test", "extra"])).toBe(2);
    expect(await run(["deactivate", "--email=nobody@shop.test"])).toBe(1);
    // The only active admin stays.
    expect(await run(["deactivate", "--email=owner@shop.test"])).toBe(1);

    expect(await run(["deactivate", "--email=OPS@shop.test"])).toBe(0);
    const [after] = await db.select().from(users).where(eq(users.id, ops.id));
    expect(after?.deactivatedAt).toBeInstanceOf(Date);
    expect(await db.select().from(sessions).where(eq(sessions.userId, ops.id))).toEqual([]);
    expect(await run(["deactivate", "--email=ops@shop.test"])).toBe(1);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "user.deactivated"));
    expect(entry).toMatchObject({
      target: `user:${ops.id}`,
      input: { via: expect.stringMatching(/^cli/) },
      result: { email: "ops@shop.test", sessionsEnded: 1 },
    });

    expect(await run(["activate", "--email=ops@shop.test"])).toBe(0);
    expect(await run(["activate", "--email=ops@shop.test"])).toBe(1);
    const [back] = await db.select().from(users).where(eq(users.id, ops.id));
    expect(back?.deactivatedAt).toBeNull();
    const owner = await db.select().from(users).where(eq(users.email, "owner@shop.test"));
    expect(owner[0]?.deactivatedAt).toBeNull();
  });
});
