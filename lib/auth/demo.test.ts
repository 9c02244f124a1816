import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { createAuth } from "./auth";
import { demoAdminCredentials, seedDemoAdmin } from "./demo";
import { signInRequest, testAuthSettings } from "./testing";

describe("seedDemoAdmin", () => {
  const database = useTestDatabase();

  it("creates one admin whose shown credentials sign in, however often it runs", async () => {
    const { db } = database.current;
    await Promise.all([seedDemoAdmin(db), seedDemoAdmin(db)]);
    await seedDemoAdmin(db);
    const rows = await db.select().from(users).where(eq(users.email, demoAdminCredentials.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe("admin");
    const response = await signInRequest(createAuth(db, testAuthSettings), demoAdminCredentials);
    expect(response.status).toBe(200);
  });
});
