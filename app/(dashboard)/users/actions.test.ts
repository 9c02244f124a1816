import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import { auditLog, users } from "@/db/schema";

// The request scope a server action runs in: the session cookie of whoever is calling.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

function roleForm(userId: string, role: string): FormData {
  const form = new FormData();
  form.set("userId", userId);
  form.set("role", role);
  return form;
}

describe("user-management server actions", () => {
  const app = useAppTestDatabase();

  async function userRow(email: string) {
    const [row] = await app.database.current.db.select().from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row;
  }

  beforeEach(() => {
    request.headers = new Headers();
  });

  it("answers unauthorized without a session and changes nothing", async () => {
    const { changeUserRoleAction } = await import("./actions");
    const viewer = await userRow("viewer@stocklock.test");
    const result = await changeUserRoleAction(null, roleForm(viewer.id, "admin"));
    expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect((await userRow("viewer@stocklock.test")).role).toBe("viewer");
  });

  it("refuses a viewer and an operator (403), changes nothing, audits the refusal", async () => {
    const { changeUserRoleAction, createUserAction } = await import("./actions");
    for (const role of ["viewer", "operator"] as const) {
      request.headers = app.headersOf(role);
      const me = await userRow(`${role}@stocklock.test`);
      const before = await app.database.current.db.select().from(users).orderBy(users.email);

      const promote = await changeUserRoleAction(null, roleForm(me.id, "admin"));
      expect(promote, role).toMatchObject({ ok: false, error: { code: "forbidden" } });

      const form = new FormData();
      form.set("email", `sneaky-${role}@stocklock.test`);
      form.set("role", "admin");
      form.set("password", "sneaky-password-123");
      const create = await createUserAction(null, form);
      expect(create, role).toMatchObject({ ok: false, error: { code: "forbidden" } });

      const after = await app.database.current.db.select().from(users).orderBy(users.email);
      expect(after).toEqual(before);
    }
    const denied = await app.database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.outcome, "denied"));
    expect(denied.map((entry) => [entry.actorEmail, entry.action])).toEqual([
      ["viewer@stocklock.test", "user.role_changed"],
      ["viewer@stocklock.test", "user.created"],
      ["operator@stocklock.test", "user.role_changed"],
      ["operator@stocklock.test", "user.created"],
    ]);
    expect(JSON.stringify(denied.map((entry) => entry.input))).not.toContain("sneaky-password");
  });

  it("lets an admin change a role, audited with who, input and result", async () => {
    const { changeUserRoleAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const operator = await userRow("operator@stocklock.test");
    const result = await changeUserRoleAction(null, roleForm(operator.id, "viewer"));
    expect(result).toEqual({ ok: true, data: { from: "operator", to: "viewer" } });
    expect((await userRow("operator@stocklock.test")).role).toBe("viewer");
    const [entry] = await app.database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user.role_changed"))
      .orderBy(auditLog.id)
      .then((rows) => rows.filter((row) => row.outcome === "succeeded"));
    expect(entry).toMatchObject({
      actorEmail: "admin@stocklock.test",
      target: `user:${operator.id}`,
      input: { userId: operator.id, role: "viewer" },
      result: { from: "operator", to: "viewer" },
    });
  });

  it("lets an admin add a user who can then sign in; the password is not in the audit log", async () => {
    const { createUserAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const form = new FormData();
    form.set("email", "New.Person@stocklock.test");
    form.set("role", "operator");
    form.set("password", "brand-new-password");
    expect(await createUserAction(null, form)).toEqual({
      ok: true,
      data: { email: "new.person@stocklock.test" },
    });
    const { getAuth } = await import("@/lib/auth/instance");
    const { sessionHeaders } = await import("@/lib/auth/testing");
    const { staffUserFromHeaders } = await import("@/lib/auth/session");
    const auth = await getAuth();
    const headers = await sessionHeaders(auth, {
      email: "new.person@stocklock.test",
      password: "brand-new-password",
    });
    expect(await staffUserFromHeaders(auth, headers)).toMatchObject({ role: "operator" });
    const entries = await app.database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user.created"));
    expect(JSON.stringify(entries)).not.toContain("brand-new-password");
  });

  it("rejects bad input with a readable message and creates nothing", async () => {
    const { createUserAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const form = new FormData();
    form.set("email", "not-an-email");
    form.set("role", "owner");
    form.set("password", "short");
    const result = await createUserAction(null, form);
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
    if (!result.ok) expect(result.error.message).toMatch(/email.*role.*password/s);
  });

  it("never demotes the last admin", async () => {
    const { changeUserRoleAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const admin = await userRow("admin@stocklock.test");
    const result = await changeUserRoleAction(null, roleForm(admin.id, "viewer"));
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await userRow("admin@stocklock.test")).role).toBe("admin");
  });
});
