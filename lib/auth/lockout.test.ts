// Issue 12: nobody can lock a staff member out, and guessing stays bounded under bursts.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { type Auth, createAuth } from "./auth";
import { ATTEMPTS_PER_IP_PER_MINUTE, MAX_GUESSES_PER_CLIENT } from "./sign-in-guard";
import { signInRequest, testAuthSettings } from "./testing";
import { createStaffUser } from "./users";

describe("sign-in limits", () => {
  const database = useTestDatabase();
  let auth: Auth;
  const password = "correct horse battery";

  beforeAll(async () => {
    auth = createAuth(database.current.db, testAuthSettings);
    for (const email of [
      "target@shop.test",
      "burst@shop.test",
      "origin@shop.test",
      "office@shop.test",
    ]) {
      await createStaffUser(
        database.current.db,
        { email, role: "viewer", password },
        { actor: null, via: "test" },
      );
    }
  });

  async function auditedFailures(email: string): Promise<number> {
    const rows = await database.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in_failed"), eq(auditLog.actorEmail, email)));
    return rows.length;
  }

  it("signs in with the right password after a stranger's 50 wrong guesses", async () => {
    for (let i = 0; i < 50; i++) {
      const response = await signInRequest(
        auth,
        { email: "target@shop.test", password: `guess number ${i}` },
        "198.51.100.66",
      );
      expect([401, 429]).toContain(response.status);
    }
    const owner = await signInRequest(auth, { email: "target@shop.test", password }, "192.0.2.10");
    expect(owner.status).toBe(200);
    // The stranger's own address stays refused for this account (no more guesses from there).
    const stranger = await signInRequest(
      auth,
      { email: "target@shop.test", password },
      "198.51.100.66",
    );
    expect(stranger.status).toBe(429);
  });

  it("never throttles an office of staff signing in from one address", async () => {
    // More successful sign-ins than ATTEMPTS_PER_IP_PER_MINUTE, from one address, in a minute.
    for (let i = 0; i < ATTEMPTS_PER_IP_PER_MINUTE + 5; i++) {
      const response = await signInRequest(
        auth,
        { email: "office@shop.test", password },
        "192.0.2.200",
      );
      expect(response.status, `sign-in ${i + 1}`).toBe(200);
    }
  });

  it("checks at most the bound of a parallel burst of 30 wrong guesses", async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInRequest(
          auth,
          { email: "burst@shop.test", password: `parallel guess ${i}` },
          "198.51.100.77",
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    // 401 = a password was checked; every other attempt was refused before the check.
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_GUESSES_PER_CLIENT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - MAX_GUESSES_PER_CLIENT);
    expect(await auditedFailures("burst@shop.test")).toBe(MAX_GUESSES_PER_CLIENT);
  });

  it("does not count sign-ins refused for their Origin", async () => {
    for (let i = 0; i < 10; i++) {
      const response = await auth.handler(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: "https://evil.example",
            "x-stocklock-client-ip": "203.0.113.88",
            "x-forwarded-for": "203.0.113.88",
          },
          body: JSON.stringify({ email: "origin@shop.test", password }),
        }),
      );
      expect(response.status).toBe(403);
    }
    const response = await signInRequest(
      auth,
      { email: "origin@shop.test", password },
      "203.0.113.88",
    );
    expect(response.status).toBe(200);
  });
});
