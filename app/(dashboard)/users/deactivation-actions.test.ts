import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { staffEmail, testPassword, useAppTestDatabase } from "@/app/_server/testing";
import { auditLog, sessions, users } from "@/db/schema";

// The request scope a server action runs in: the session cookie of whoever is calling.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

describe("deactivating and reactivating staff accounts (server actions)", () => {
  const app = useAppTestDatabase();
  const db = () => app.database.current.db;

  async function userRow(email: string) {
    const [row] = await db().select().from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row;
  }

  async function auditOf(action: string) {
    return db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);
  }

  beforeEach(() => {
    request.headers = new Headers();
  });

  it("refuses the signed-out (401), viewers and operators (403), audits refusals", async () => {
    const { activateUserAction, deactivateUserAction } = await import("./actions");
    const target = await userRow(staffEmail("viewer"));
    expect(await deactivateUserAction({ userId: target.id })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    for (const role of ["viewer", "operator"] as const) {
      request.headers = app.headersOf(role);
      for (const action of [deactivateUserAction, activateUserAction]) {
        const result = await action({ userId: target.id });
        expect(result, role).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect((await userRow(staffEmail("viewer"))).deactivatedAt).toBeNull();
    const denied = await db().select().from(auditLog).where(eq(auditLog.outcome, "denied"));
    // Who tried, and on whom (the input as sent: a refused caller's input is not parsed).
    const whom = { userId: target.id };
    expect(denied.map((entry) => [entry.actorEmail, entry.action, entry.input])).toEqual([
      [staffEmail("viewer"), "user.deactivated", whom],
      [staffEmail("viewer"), "user.activated", whom],
      [staffEmail("operator"), "user.deactivated", whom],
      [staffEmail("operator"), "user.activated", whom],
    ]);
  });

  it("an admin deactivates an operator: its live session is refused at its next request", async () => {
    const { deactivateUserAction } = await import("./actions");
    const { currentUser } = await import("@/app/_server/auth");
    const operator = await userRow(staffEmail("operator"));

    request.headers = app.headersOf("admin");
    const result = await deactivateUserAction({ userId: operator.id });
    expect(result).toEqual({
      ok: true,
      data: { email: staffEmail("operator"), sessionsEnded: 1 },
    });

    // The operator's cookie, still in their browser: the check every page and action makes.
    request.headers = app.headersOf("operator");
    expect(await currentUser()).toBeNull();
    expect(await deactivateUserAction({ userId: operator.id })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    expect(await db().select().from(sessions).where(eq(sessions.userId, operator.id))).toEqual([]);

    const admin = await userRow(staffEmail("admin"));
    const [entry] = (await auditOf("user.deactivated")).filter((e) => e.outcome === "succeeded");
    expect(entry).toMatchObject({
      actorUserId: admin.id,
      actorEmail: staffEmail("admin"),
      target: `user:${operator.id}`,
      result: { email: staffEmail("operator"), sessionsEnded: 1 },
    });
    expect((await userRow(staffEmail("operator"))).deactivatedBy).toBe(admin.id);
  });

  it("an admin cannot deactivate themself; the refusal is audited", async () => {
    const { deactivateUserAction } = await import("./actions");
    const admin = await userRow(staffEmail("admin"));
    request.headers = app.headersOf("admin");
    expect(await deactivateUserAction({ userId: admin.id })).toMatchObject({
      ok: false,
      error: { code: "conflict", message: "You cannot deactivate your own account." },
    });
    expect((await userRow(staffEmail("admin"))).deactivatedAt).toBeNull();
    const failed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.deactivated"), eq(auditLog.outcome, "failed")));
    expect(failed).toMatchObject([{ actorEmail: staffEmail("admin"), target: `user:${admin.id}` }]);
  });

  it("never leaves no active admin: the last active admin cannot be deactivated", async () => {
    const { deactivateUserAction } = await import("./actions");
    const { createStaffUser } = await import("@/lib/auth/users");
    const { deactivateStaffUser } = await import("@/lib/auth/deactivation");
    const other = await createStaffUser(
      db(),
      { email: "second-admin@stocklock.test", role: "admin", password: testPassword },
      { actor: null, via: "test" },
    );
    const admin = await userRow(staffEmail("admin"));
    // Reached only from the CLI (an admin acting is active, and cannot pick themself).
    await deactivateStaffUser(db(), { userId: other.id }, { actor: null, via: "test" });
    await expect(
      deactivateStaffUser(db(), { userId: admin.id }, { actor: null, via: "test" }),
    ).rejects.toMatchObject({ code: "conflict", message: /only active admin/ });
    request.headers = app.headersOf("admin");
    expect(await deactivateUserAction({ userId: other.id })).toMatchObject({
      ok: false,
      error: { code: "conflict", message: /already deactivated/ },
    });
  });

  it("an admin reactivates the operator, who can sign in again; audited", async () => {
    const { activateUserAction } = await import("./actions");
    const { getAuth } = await import("@/lib/auth/instance");
    const { sessionHeaders } = await import("@/lib/auth/testing");
    const { staffUserFromHeaders } = await import("@/lib/auth/session");
    const operator = await userRow(staffEmail("operator"));
    request.headers = app.headersOf("admin");
    expect(await activateUserAction({ userId: operator.id })).toEqual({
      ok: true,
      data: { email: staffEmail("operator") },
    });
    const auth = await getAuth();
    const headers = await sessionHeaders(
      auth,
      { email: staffEmail("operator"), password: testPassword },
      "192.0.2.77",
    );
    expect(await staffUserFromHeaders(auth, headers)).toMatchObject({ role: "operator" });
    const [entry] = (await auditOf("user.activated")).filter((e) => e.outcome === "succeeded");
    expect(entry).toMatchObject({
      actorEmail: staffEmail("admin"),
      target: `user:${operator.id}`,
    });
  });

  it("rejects a missing user id as a bad request", async () => {
    const { deactivateUserAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const bad = await deactivateUserAction({ userId: "" });
    expect(bad).toMatchObject({ ok: false, error: { code: "bad_request" } });
    const missing = await deactivateUserAction({ userId: "no-such-user" });
    expect(missing).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
