import { describe, expect, it } from "vitest";
import { bucketTicks, integerDomain, integerTicks } from "./chart-ticks";

describe("integerTicks", () => {
  it("claims nothing above zero when the maximum is 0", () => {
    expect(integerTicks(0)).toEqual([0]);
    expect(integerDomain(integerTicks(0))).toEqual([0, 1]);
  });

  it("gives whole numbers from 0 that cover the maximum", () => {
    expect(integerTicks(1)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(integerTicks(100)).toEqual([0, 50, 100]);
    expect(integerTicks(1234)).toEqual([0, 500, 1000, 1500]);
    for (const max of [1, 2, 5, 9, 11, 37, 99, 101, 4_999, 123_456]) {
      const ticks = integerTicks(max);
      expect(ticks.every(Number.isInteger), `${max}`).toBe(true);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1) as number).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(integerDomain(ticks)).toEqual([0, ticks.at(-1)]);
    }
  });
});

describe("bucketTicks", () => {
  it("labels real buckets only, the latest always, at most maxLabels", () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);
    const ticks = bucketTicks(days, 8);
    expect(ticks.at(-1)).toBe("2026-11-30");
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.every((t) => days.includes(t))).toBe(true);
    expect(bucketTicks(days.slice(0, 3), 8)).toEqual(days.slice(0, 3));
    expect(bucketTicks([], 8)).toEqual([]);
  });
});
