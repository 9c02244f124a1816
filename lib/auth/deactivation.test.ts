import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { type Auth, createAuth } from "./auth";
import { activateStaffUser, deactivateStaffUser } from "./deactivation";
import { staffUserFromHeaders } from "./session";
import { sessionHeaders, signInRequest, testAuthSettings } from "./testing";
import { createStaffUser, setStaffRole } from "./users";

describe("deactivated staff accounts", () => {
  const database = useTestDatabase();
  let auth: Auth;
  const password = "correct horse battery";
  const ids: Record<string, string> = {};
  const cli = { actor: null, via: "test" };

  beforeAll(async () => {
    auth = createAuth(database.current.db, testAuthSettings);
    for (const [name, role] of [
      ["admin", "admin"],
      ["second", "admin"],
      ["leaver", "operator"],
      ["racer", "viewer"],
    ] as const) {
      const user = await createStaffUser(
        database.current.db,
        { email: `${name}@shop.test`, role, password },
        cli,
      );
      ids[name] = user.id;
    }
  });

  const credentials = (name: string) => ({ email: `${name}@shop.test`, password });
  const id = (name: string) => ids[name] ?? "";

  it("ends every session at once: the same check pages and actions use refuses it", async () => {
    const first = await sessionHeaders(auth, credentials("leaver"), "198.51.100.1");
    const second = await sessionHeaders(auth, credentials("leaver"), "198.51.100.2");
    expect(await staffUserFromHeaders(auth, first)).toMatchObject({ role: "operator" });

    const admin = { id: id("admin"), email: "admin@shop.test" };
    const result = await deactivateStaffUser(
      database.current.db,
      { userId: id("leaver") },
      { actor: admin },
    );
    expect(result).toEqual({ email: "leaver@shop.test", sessionsEnded: 2 });

    expect(await staffUserFromHeaders(auth, first)).toBeNull();
    expect(await staffUserFromHeaders(auth, second)).toBeNull();
    const left = await database.current.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, id("leaver")));
    expect(left).toEqual([]);
    const [row] = await database.current.db
      .select()
      .from(users)
      .where(eq(users.id, id("leaver")));
    expect(row?.deactivatedBy).toBe(id("admin"));
  });

  it("refuses sign-in with the right password, answering exactly like a wrong one", async () => {
    const refused = await signInRequest(auth, credentials("leaver"), "198.51.100.3");
    const wrong = await signInRequest(
      auth,
      { email: "leaver@shop.test", password: "not the password" },
      "198.51.100.4",
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await refused.json()).toEqual(await wrong.json());
    expect(wrong.status).toBe(401);
    const denied = await database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sign_in_refused"));
    expect(denied).toMatchObject([
      {
        actorEmail: "leaver@shop.test",
        outcome: "denied",
        result: { reason: "account deactivated" },
      },
    ]);
  });

  it("refuses a session that raced the deactivation (row written after it)", async () => {
    const headers = await sessionHeaders(auth, credentials("racer"), "198.51.100.5");
    const [session] = await database.current.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, id("racer")));
    await deactivateStaffUser(database.current.db, { userId: id("racer") }, cli);
    // The sign-in that verified the password before the deactivation writes its row after it.
    if (!session) throw new Error("no session row");
    await database.current.db.insert(sessions).values({ ...session, id: randomUUID() });
    expect(await staffUserFromHeaders(auth, headers)).toBeNull();

    // Nor can that session clear the flag through better-auth's own profile endpoint.
    headers.set("content-type", "application/json");
    headers.set("origin", "http://localhost:3000");
    const update = await auth.handler(
      new Request("http://localhost:3000/api/auth/update-user", {
        method: "POST",
        headers,
        body: JSON.stringify({ deactivatedAt: null }),
      }),
    );
    expect(update.status).toBe(400);
    const [row] = await database.current.db
      .select()
      .from(users)
      .where(eq(users.id, id("racer")));
    expect(row?.deactivatedAt).toBeInstanceOf(Date);
  });

  it("lets a reactivated account sign in again with its old password", async () => {
    await activateStaffUser(database.current.db, { userId: id("leaver") }, cli);
    const headers = await sessionHeaders(auth, credentials("leaver"), "198.51.100.6");
    expect(await staffUserFromHeaders(auth, headers)).toMatchObject({ role: "operator" });
    const [row] = await database.current.db
      .select()
      .from(users)
      .where(eq(users.id, id("leaver")));
    expect(row).toMatchObject({ deactivatedAt: null, deactivatedBy: null });
  });

  it("keeps one active admin: a deactivated admin does not count", async () => {
    const actor = { id: id("admin"), email: "admin@shop.test" };
    await expect(
      deactivateStaffUser(database.current.db, { userId: id("admin") }, { actor }),
    ).rejects.toMatchObject({ code: "conflict", message: /your own account/ });
    await deactivateStaffUser(database.current.db, { userId: id("second") }, { actor });
    await expect(
      deactivateStaffUser(database.current.db, { userId: id("admin") }, cli),
    ).rejects.toMatchObject({ code: "conflict", message: /only active admin/ });
    await expect(
      setStaffRole(database.current.db, { userId: id("admin"), role: "viewer" }, cli),
    ).rejects.toMatchObject({ code: "conflict" });
    const [admin] = await database.current.db
      .select()
      .from(users)
      .where(eq(users.id, id("admin")));
    expect(admin).toMatchObject({ role: "admin", deactivatedAt: null });
  });
});
