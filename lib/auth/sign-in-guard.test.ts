// The atomic counters behind the sign-in limits, on real PostgreSQL.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInCounters } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import {
  clearSignInCounter,
  pruneSignInCounters,
  returnSignInSlot,
  takeSignInSlot,
} from "./sign-in-counters";

describe("takeSignInSlot", () => {
  const database = useTestDatabase();
  const window = 15 * 60_000;

  it("gives 30 parallel attempts 30 different counts", async () => {
    const { db } = database.current;
    const counts = await Promise.all(
      Array.from({ length: 30 }, () => takeSignInSlot(db, "burst", window)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("starts a new window once the old one has passed, and gives slots back", async () => {
    const { db } = database.current;
    expect(await takeSignInSlot(db, "aging", window)).toBe(1);
    expect(await takeSignInSlot(db, "aging", window)).toBe(2);
    await returnSignInSlot(db, "aging");
    expect(await takeSignInSlot(db, "aging", window)).toBe(2);
    await db
      .update(signInCounters)
      .set({ windowStart: sql`now() - interval '16 minutes'` })
      .where(eq(signInCounters.key, "aging"));
    expect(await takeSignInSlot(db, "aging", window)).toBe(1);
    await clearSignInCounter(db, "aging");
    expect(await takeSignInSlot(db, "aging", window)).toBe(1);
  });

  it("prunes counters whose window is a day old", async () => {
    const { db } = database.current;
    await takeSignInSlot(db, "old", window);
    await db
      .update(signInCounters)
      .set({ windowStart: sql`now() - interval '25 hours'` })
      .where(eq(signInCounters.key, "old"));
    await pruneSignInCounters(db);
    expect(await db.select().from(signInCounters).where(eq(signInCounters.key, "old"))).toEqual([]);
  });
});
