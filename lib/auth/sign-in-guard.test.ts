// The per-account failure count behind the sign-in lockout, on real PostgreSQL.
import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { FAILED_SIGN_IN_WINDOW_MS, recentFailedSignIns } from "./sign-in-guard";

describe("recentFailedSignIns", () => {
  const database = useTestDatabase();

  it("counts this account's failures after its last success, within the window", async () => {
    const { db } = database.current;
    const email = "ops@shop.test";
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const entry = (action: string, at: Date, actorEmail = email) => ({
      actorEmail,
      action,
      outcome: action === "auth.signed_in" ? ("succeeded" as const) : ("failed" as const),
      createdAt: at,
    });
    const outside = FAILED_SIGN_IN_WINDOW_MS / 60_000 + 5;
    await db.insert(auditLog).values([
      entry("auth.sign_in_failed", ago(outside)), // before the window
      entry("auth.sign_in_failed", ago(10)),
      entry("auth.sign_in_failed", ago(9)),
    ]);
    expect(await recentFailedSignIns(db, email)).toBe(2);

    await db
      .insert(auditLog)
      .values([
        entry("auth.signed_in", ago(8)),
        entry("auth.sign_in_failed", ago(7)),
        entry("auth.sign_in_failed", ago(6), "someone-else@shop.test"),
      ]);
    // Only the failure after the success, and only this account's.
    expect(await recentFailedSignIns(db, email)).toBe(1);
    expect(await recentFailedSignIns(db, "nobody@shop.test")).toBe(0);
  });
});
