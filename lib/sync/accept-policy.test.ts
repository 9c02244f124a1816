import { describe, expect, it } from "vitest";
import { type AcceptCandidate, linesToAccept } from "./accept-policy";

const line = (externalId: string, overrides: Partial<AcceptCandidate> = {}): AcceptCandidate => ({
  externalId,
  sku: `SKU-${externalId}`,
  status: "new",
  mapped: true,
  oversold: false,
  ...overrides,
});

const lines = [
  line("in-stock"),
  line("unmapped", { mapped: false }),
  line("oversold", { oversold: true }),
  line("already-accepted", { status: "accepted" }),
  line("unpaid", { status: "pending" }),
];

const ids = (selected: AcceptCandidate[]) => selected.map((l) => l.externalId);

describe("linesToAccept", () => {
  it("accepts only mapped lines that stay in stock with when_in_stock", () => {
    expect(ids(linesToAccept("when_in_stock", lines))).toEqual(["in-stock"]);
  });
  it("accepts every paid line with always, whatever the stock", () => {
    expect(ids(linesToAccept("always", lines))).toEqual(["in-stock", "unmapped", "oversold"]);
  });
  it("accepts nothing with never", () => {
    expect(linesToAccept("never", lines)).toEqual([]);
  });
});
