// Integration-test setup for code under app/: a fresh PostgreSQL database that the process's
// getDb()/getAuth() singletons use, and one signed-in staff member per role.
import { afterAll, beforeAll } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";
import type { Role } from "@/lib/auth/roles";

export const testPassword = "integration-test-password";
export const staffEmail = (role: Role) => `${role}@stocklock.test`;

export function useAppTestDatabase() {
  const database = useTestDatabase();
  const sessions = new Map<Role, Headers>();
  beforeAll(async () => {
    // Before anything reads the environment: the singletons then open this database.
    process.env.DATABASE_URL = database.current.url;
    process.env.BETTER_AUTH_URL = "http://localhost:3000";
    process.env.BETTER_AUTH_SECRET = "app-test-secret-app-test-secret-app-test";
    const { createStaffUser } = await import("@/lib/auth/users");
    const { getAuth } = await import("@/lib/auth/instance");
    const { sessionHeaders } = await import("@/lib/auth/testing");
    const auth = await getAuth();
    let ip = 1;
    for (const role of ["viewer", "operator", "admin"] as const) {
      await createStaffUser(
        database.current.db,
        { email: staffEmail(role), role, password: testPassword },
        { actor: null, via: "test" },
      );
      const headers = await sessionHeaders(
        auth,
        { email: staffEmail(role), password: testPassword },
        `192.0.2.${ip++}`,
      );
      sessions.set(role, headers);
    }
  });
  afterAll(async () => {
    const { closeDb } = await import("@/db/client");
    await closeDb();
  });
  return {
    database,
    /** Request headers carrying a live session cookie of the user with this role. */
    headersOf(role: Role): Headers {
      const headers = sessions.get(role);
      if (!headers) throw new Error("sessions are ready inside tests only");
      return new Headers(headers);
    },
  };
}
