import { describe, expect, it } from "vitest";
import { z } from "zod";
import { csvList, dateParam, parseSearchParams, tableParamsShape } from "./search-params";

const shape = {
  ...tableParamsShape(["createdAt", "quantity"], { id: "createdAt", desc: true }),
  status: csvList(z.enum(["locked", "consumed"])).optional(),
  from: dateParam.optional(),
};

describe("parseSearchParams", () => {
  it("applies defaults when the URL is empty", () => {
    const { values, invalid } = parseSearchParams(shape, {});
    expect(values).toEqual({ page: 1, perPage: 50, sort: { id: "createdAt", desc: true } });
    expect(invalid).toEqual([]);
  });

  it("parses every field", () => {
    const { values } = parseSearchParams(shape, {
      page: "3",
      perPage: "100",
      sort: "quantity.asc",
      q: "  iphone ",
      status: "locked,consumed",
      from: "2025-01-31",
    });
    expect(values).toEqual({
      page: 3,
      perPage: 100,
      sort: { id: "quantity", desc: false },
      q: "iphone",
      status: ["locked", "consumed"],
      from: new Date("2025-01-31T00:00:00Z"),
    });
  });

  it("replaces only the bad fields by their defaults and reports them", () => {
    const { values, invalid } = parseSearchParams(shape, {
      page: "-1",
      perPage: "33",
      sort: "password.asc",
      status: "locked,bogus",
      from: "yesterday",
    });
    expect(values).toMatchObject({ page: 1, perPage: 50, sort: { id: "createdAt", desc: true } });
    expect(values.status).toBeUndefined();
    expect(invalid.map((i) => i.param).sort()).toEqual([
      "from",
      "page",
      "perPage",
      "sort",
      "status",
    ]);
  });

  it("takes the first of repeated params", () => {
    expect(parseSearchParams(shape, { page: ["2", "5"] }).values.page).toBe(2);
  });
});
