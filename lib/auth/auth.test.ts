import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditLog, sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { type Auth, createAuth } from "./auth";
import { authorize, staffUserFromHeaders } from "./session";
import { ATTEMPTS_PER_IP_PER_MINUTE } from "./sign-in-guard";
import { cookieHeaderFrom, sessionHeaders, signInRequest, testAuthSettings } from "./testing";
import { createStaffUser } from "./users";

describe("better-auth over PostgreSQL", () => {
  const database = useTestDatabase();
  let auth: Auth;
  const password = "correct horse battery";

  beforeAll(async () => {
    auth = createAuth(database.current.db, testAuthSettings);
    for (const role of ["viewer", "operator", "admin"] as const) {
      await createStaffUser(
        database.current.db,
        { email: `${role}@shop.test`, role, password },
        { actor: null, via: "test" },
      );
    }
  });

  describe("sign-in", () => {
    it("stores a scrypt hash, never the password", async () => {
      const [row] = await database.current.db
        .select({ password: accounts.password })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(eq(users.email, "viewer@shop.test"));
      expect(row?.password).toBeTruthy();
      expect(row?.password).not.toContain(password);
      expect(row?.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
    });

    it("signs in with the right password: an httpOnly, lax session cookie and a session row", async () => {
      const response = await signInRequest(auth, { email: "Operator@Shop.test", password });
      expect(response.status).toBe(200);
      const setCookie = response.headers.getSetCookie().join("\n");
      expect(setCookie).toMatch(/stocklock\.session_token=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).not.toMatch(/Secure/i); // http base URL: a browser would drop it

      const headers = new Headers({ cookie: cookieHeaderFrom(response) });
      const user = await staffUserFromHeaders(auth, headers);
      expect(user).toMatchObject({ email: "operator@shop.test", role: "operator" });

      const rows = await database.current.db
        .select()
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(users.email, "operator@shop.test"));
      expect(rows.length).toBeGreaterThan(0);
    });

    it("refuses a wrong password with 401 and audits the failure with email and ip", async () => {
      const response = await signInRequest(
        auth,
        { email: "admin@shop.test", password: "wrong password!!" },
        "198.51.100.23",
      );
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
      const failures = await database.current.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, "auth.sign_in_failed"),
            eq(auditLog.actorEmail, "admin@shop.test"),
          ),
        );
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ outcome: "failed", ip: "198.51.100.23" });
      expect(JSON.stringify(failures[0]?.input)).not.toContain("wrong password");
    });

    it("refuses self-service sign-up", async () => {
      const response = await auth.handler(
        new Request("http://localhost:3000/api/auth/sign-up/email", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost:3000" },
          body: JSON.stringify({ email: "intruder@shop.test", password, name: "x" }),
        }),
      );
      expect(response.status).toBeGreaterThanOrEqual(400);
      const rows = await database.current.db
        .select()
        .from(users)
        .where(eq(users.email, "intruder@shop.test"));
      expect(rows).toEqual([]);
    });

    it("rate-limits sign-in attempts per IP", async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= ATTEMPTS_PER_IP_PER_MINUTE; i++) {
        const response = await signInRequest(
          auth,
          { email: `nobody${i}@shop.test`, password: "not a real password" },
          "203.0.113.250",
        );
        statuses.push(response.status);
      }
      expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    });
  });

  describe("authorize", () => {
    it("answers 401 without a session and 403 below the role", async () => {
      expect(await staffUserFromHeaders(auth, new Headers())).toBeNull();
      expect(() => authorize(null, "viewer")).toThrowError(
        expect.objectContaining({ status: 401 }),
      );
      const viewer = await staffUserFromHeaders(
        auth,
        await sessionHeaders(auth, { email: "viewer@shop.test", password }, "203.0.113.30"),
      );
      expect(viewer?.role).toBe("viewer");
      expect(authorize(viewer, "viewer").email).toBe("viewer@shop.test");
      expect(() => authorize(viewer, "operator")).toThrowError(
        expect.objectContaining({ code: "forbidden", status: 403 }),
      );
    });

    it("sees a role change at once (no cookie cache)", async () => {
      const headers = await sessionHeaders(
        auth,
        { email: "operator@shop.test", password },
        "203.0.113.31",
      );
      await database.current.db
        .update(users)
        .set({ role: "viewer" })
        .where(eq(users.email, "operator@shop.test"));
      expect((await staffUserFromHeaders(auth, headers))?.role).toBe("viewer");
    });

    it("sign-out ends the session in the database", async () => {
      const headers = await sessionHeaders(
        auth,
        { email: "admin@shop.test", password },
        "203.0.113.32",
      );
      expect(await staffUserFromHeaders(auth, headers)).not.toBeNull();
      const response = await auth.handler(
        new Request("http://localhost:3000/api/auth/sign-out", {
          method: "POST",
          headers: { cookie: headers.get("cookie") ?? "", origin: "http://localhost:3000" },
        }),
      );
      expect(response.status).toBe(200);
      expect(await staffUserFromHeaders(auth, headers)).toBeNull();
    });
  });
});
