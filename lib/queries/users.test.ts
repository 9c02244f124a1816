// The /users list: filters and sort of the user list spec, against the database.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";
import { createStaffUser } from "@/lib/auth/users";
import { parseListParams } from "@/lib/lists/define";
import { userList } from "@/lib/lists/users";
import { listUserPage } from "./users";

const database = useTestDatabase();

async function emails(raw: Record<string, string>) {
  const page = await listUserPage(database.current.db, parseListParams(userList, raw).values);
  return { total: page.total, emails: page.rows.map((row) => row.email) };
}

describe("user list (real PostgreSQL)", () => {
  beforeAll(async () => {
    const db = database.current.db;
    const people = [
      { email: "ann@example.test", role: "admin" },
      { email: "bob@example.test", role: "operator" },
      { email: "cy@example.test", role: "viewer", name: "Cy Leaver" },
    ] as const;
    for (const person of people) {
      await createStaffUser(
        db,
        { ...person, password: "a-long-enough-password" },
        { actor: null, via: "test" },
      );
    }
    await db.execute(sql`update users set deactivated_at = now() where email = 'cy@example.test'`);
  });

  it("filters by role, status and search text, sorted by email", async () => {
    expect(await emails({})).toEqual({
      total: 3,
      emails: ["ann@example.test", "bob@example.test", "cy@example.test"],
    });
    expect((await emails({ role: "admin,operator" })).emails).toEqual([
      "ann@example.test",
      "bob@example.test",
    ]);
    expect((await emails({ status: "deactivated" })).emails).toEqual(["cy@example.test"]);
    expect((await emails({ status: "active", sort: "email.desc" })).emails).toEqual([
      "bob@example.test",
      "ann@example.test",
    ]);
    expect((await emails({ q: "leaver" })).emails).toEqual(["cy@example.test"]);
    expect((await emails({ q: "%" })).total).toBe(0);
  });
});
