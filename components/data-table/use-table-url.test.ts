import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/lists/define";
import { listOf, oneOf } from "@/lib/lists/parsers";
import { lockList } from "@/lib/lists/stock-locks";
import { writeParams } from "./use-table-url";

const parsers = {
  ...lockList.parsers,
  hide: listOf(oneOf(Object.keys(lockList.columns))),
} as unknown as Parameters<typeof writeParams>[0];

function write(current: string, values: Record<string, unknown>): string {
  return writeParams(parsers, new URLSearchParams(current), values);
}

describe("table URL writes (the client side of the list parsers)", () => {
  it("serialises with the spec's parsers and keeps the other parameters", () => {
    expect(write("status=locked", { marketplace: [3, 1], page: 2 })).toBe(
      "status=locked&marketplace=3%2C1&page=2",
    );
    expect(write("", { sort: { id: "quantity", desc: true } })).toBe("sort=quantity.desc");
    expect(write("", { hide: ["releasedAt", "flag"] })).toBe("hide=releasedAt%2Cflag");
  });

  it("drops a parameter set to null or to its default", () => {
    expect(write("status=locked&page=3", { page: null })).toBe("status=locked");
    expect(write("page=3", { page: 1 })).toBe("");
    expect(write("sort=quantity.desc", { sort: { id: "createdAt", desc: true } })).toBe("");
    expect(write("perPage=100", { perPage: 50 })).toBe("");
  });

  it("ignores names the list does not have", () => {
    expect(write("", { password: "x" })).toBe("");
  });

  it("writes what the server's loader reads back", () => {
    const query = write("", {
      status: ["locked", "consumed"],
      from: new Date("2026-01-05T00:00:00Z"),
      stale: true,
      sort: { id: "quantity", desc: false },
    });
    const { values, invalid } = parseListParams(lockList, new URLSearchParams(query));
    expect(invalid).toEqual([]);
    expect(values).toMatchObject({
      status: ["locked", "consumed"],
      from: new Date("2026-01-05T00:00:00Z"),
      stale: true,
      sort: { id: "quantity", desc: false },
    });
  });
});
