import { createSerializer } from "nuqs";
import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/lists/define";
import { lockList } from "@/lib/lists/stock-locks";
import { tableParsers } from "./use-table-url";

// The table writes its URL with nuqs' useQueryStates over `tableParsers(list)` (clearOnDefault,
// nuqs' default); nuqs' serializer applies the same parsers and default rule outside React.
const serialize = createSerializer(tableParsers(lockList));

function write(current: string, values: Parameters<typeof serialize>[1]): string {
  return serialize(new URLSearchParams(current), values).replace(/^\?/, "");
}

describe("table URL writes (the client side of the list parsers)", () => {
  it("serialises with the spec's parsers and keeps the other parameters", () => {
    const query = new URLSearchParams(write("status=locked", { marketplace: [3, 1], page: 2 }));
    expect(Object.fromEntries(query)).toEqual({ status: "locked", marketplace: "3,1", page: "2" });
    expect(write("", { sort: { id: "quantity", desc: true } })).toBe("sort=quantity.desc");
    expect(write("", { hide: ["releasedAt", "flag"] })).toBe("hide=releasedAt,flag");
  });

  it("drops a parameter set to null or to its default", () => {
    expect(write("status=locked&page=3", { page: null })).toBe("status=locked");
    expect(write("page=3", { page: 1 })).toBe("");
    expect(write("sort=quantity.desc", { sort: { id: "createdAt", desc: true } })).toBe("");
    expect(write("perPage=100", { perPage: 50 })).toBe("");
  });

  it("hides only the list's own columns", () => {
    const { hide } = tableParsers(lockList);
    expect(hide.parse("releasedAt,flag")).toEqual(["releasedAt", "flag"]);
    expect(hide.parse("releasedAt,password")).toBeNull();
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
