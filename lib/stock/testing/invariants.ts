// For tests: every stock invariant of DESIGN holds (the failing ones are shown with examples).
import { expect } from "vitest";
import type { Executor } from "@/db/client";
import { checkStockInvariants } from "../invariants";

export async function expectStockInvariantsHold(db: Executor): Promise<void> {
  const report = await checkStockInvariants(db);
  expect(report.invariants.filter((i) => i.violations > 0)).toEqual([]);
}
