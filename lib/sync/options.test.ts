import { describe, expect, it } from "vitest";
import { describeIssues, syncRequestSchema } from "./options";

describe("syncRequestSchema", () => {
  it("applies the defaults and reads a marketplace id or code", () => {
    expect(syncRequestSchema.parse({ type: "new", marketplace: "12" })).toEqual({
      type: "new",
      marketplace: 12,
      pageSize: 50,
      daysBack: 2,
      trigger: "cli",
    });
    expect(syncRequestSchema.parse({ type: "all", marketplace: "BM-FR" }).marketplace).toBe(
      "bm-fr",
    );
    expect(syncRequestSchema.parse({ type: "stock", marketplace: 3 }).marketplace).toBe(3);
  });

  it("names each bad option", () => {
    const result = syncRequestSchema.safeParse({
      type: "everything",
      marketplace: "bm fr",
      pageSize: "0",
      daysBack: "x",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const text = describeIssues(result.error, (key) => `--${key}`);
    expect(text).toMatch(/--type: type must be one of new, modified/);
    expect(text).toMatch(/--marketplace: must be a marketplace id or code/);
    expect(text).toMatch(/--pageSize: page size must be at least 1/);
    expect(text).toMatch(/--daysBack: days back must be a number/);
  });
});
