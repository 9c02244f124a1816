import { describe, expect, it } from "vitest";
import { oversellWindows, peakInWindow, peakSpend, percentile } from "./windows";

describe("oversellWindows", () => {
  const stock = { A: 10 };
  it("takes the first update at or below the quantity that accounts for the sale", () => {
    const windows = oversellWindows(
      [
        { channel: "backmarket", sku: "A", quantity: 1, atMs: 1_000 },
        { channel: "refurbed", sku: "A", quantity: 2, atMs: 2_000 },
      ],
      [
        // Too early, and too high: they do not account for the first sale.
        { channel: "refurbed", sku: "A", quantity: 9, atMs: 500 },
        { channel: "refurbed", sku: "A", quantity: 10, atMs: 1_500 },
        { channel: "refurbed", sku: "A", quantity: 9, atMs: 4_000 },
        // 7 accounts for both sales: Back Market hears of the second at 9 s.
        { channel: "backmarket", sku: "A", quantity: 8, atMs: 3_000 },
        { channel: "backmarket", sku: "A", quantity: 7, atMs: 9_000 },
      ],
      stock,
      ["backmarket", "refurbed"],
    );
    expect(windows).toEqual([
      {
        from: "backmarket",
        to: "refurbed",
        windowsMs: [3_000],
        ownWindowsMs: [3_000],
        unanswered: 0,
      },
      // Own window: 8 at 3 s accounts for the Refurbed sale; the Back Market sale is its own.
      {
        from: "refurbed",
        to: "backmarket",
        windowsMs: [7_000],
        ownWindowsMs: [1_000],
        unanswered: 0,
      },
    ]);
  });

  it("own window: leaves out earlier sales still on their way, not those already answered", () => {
    const windows = oversellWindows(
      [
        // A Back Market sale the poll sees at 20 s; a shop sale at 5 s whose webhook is quick.
        { channel: "backmarket", sku: "A", quantity: 1, atMs: 0 },
        { channel: "shopify", sku: "A", quantity: 1, atMs: 5_000 },
        // Another shop sale once the first Back Market sale has reached Refurbed.
        { channel: "shopify", sku: "A", quantity: 1, atMs: 30_000 },
      ],
      [
        { channel: "refurbed", sku: "A", quantity: 9, atMs: 5_200 },
        { channel: "refurbed", sku: "A", quantity: 8, atMs: 20_100 },
        // Still 8 after the second shop sale: it does not account for it (7 does).
        { channel: "refurbed", sku: "A", quantity: 8, atMs: 30_100 },
        { channel: "refurbed", sku: "A", quantity: 7, atMs: 31_000 },
      ],
      stock,
      ["backmarket", "refurbed", "shopify"],
    );
    expect(windows.find((w) => w.from === "shopify" && w.to === "refurbed")).toMatchObject({
      windowsMs: [15_100, 1_000],
      ownWindowsMs: [200, 1_000],
    });
  });

  it("counts a sale the other channel never heard of", () => {
    const [pair] = oversellWindows(
      [{ channel: "backmarket", sku: "A", quantity: 1, atMs: 1_000 }],
      [{ channel: "refurbed", sku: "A", quantity: 10, atMs: 2_000 }],
      stock,
      ["backmarket", "refurbed"],
    );
    expect(pair).toMatchObject({ windowsMs: [], unanswered: 1 });
  });
});

describe("percentile and peakInWindow", () => {
  it("nearest rank; the busiest sliding window", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeNull();
    expect(peakInWindow([0, 1_000, 9_999, 10_000, 15_000, 16_000], 10_000)).toBe(4);
    // Weighted: Shopify's cost points in its busiest second.
    expect(
      peakSpend(
        [
          { atMs: 0, units: 30 },
          { atMs: 900, units: 50 },
          { atMs: 1_000, units: 10 },
          { atMs: 1_850, units: 40 },
        ],
        1_000,
      ),
    ).toBe(100);
  });
});
