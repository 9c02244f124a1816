// The URL parser every list shares (server loader and client hooks read the same parsers).
import { describe, expect, it } from "vitest";
import { csvColumnsOf, defineList, parseListParams } from "./define";
import { orderList } from "./orders";
import { dayValue, listOf, oneOf, textValue } from "./parsers";

interface Row {
  createdAt: Date;
  quantity: number;
}

const list = defineList<Row>()({
  label: "Test",
  columns: {
    createdAt: {
      header: "Created",
      sortable: true,
      csv: [{ header: "created_at", field: "createdAt" }],
    },
    quantity: { header: "Qty", sortable: true, csv: [{ header: "quantity", field: "quantity" }] },
    note: { header: "Note" },
  },
  filters: {
    q: { kind: "search", label: "Search", parser: textValue(100) },
    status: {
      kind: "multi",
      label: "Status",
      parser: listOf(oneOf(["locked", "consumed"])),
      options: [],
    },
    from: { kind: "date", label: "From", parser: dayValue },
  },
  defaultSort: { id: "createdAt", desc: true },
});

describe("parseListParams", () => {
  it("applies defaults when the URL is empty", () => {
    const { values, invalid } = parseListParams(list, {});
    expect(values).toEqual({
      page: 1,
      perPage: 50,
      sort: { id: "createdAt", desc: true },
      q: null,
      status: null,
      from: null,
    });
    expect(invalid).toEqual([]);
  });

  it("parses every field", () => {
    const { values, invalid } = parseListParams(list, {
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
    expect(invalid).toEqual([]);
  });

  it("replaces only the bad fields by their defaults and reports them", () => {
    const { values, invalid } = parseListParams(list, {
      page: "-1",
      perPage: "33",
      sort: "password.asc",
      status: "locked,bogus",
      from: "yesterday",
    });
    expect(values).toMatchObject({ page: 1, perPage: 50, sort: { id: "createdAt", desc: true } });
    expect(values.status).toBeNull();
    expect(values.from).toBeNull();
    expect(invalid.map((i) => i.param).sort()).toEqual([
      "from",
      "page",
      "perPage",
      "sort",
      "status",
    ]);
    expect(invalid.find((i) => i.param === "status")?.message).toContain("locked, consumed");
  });

  it("refuses sorting by a column that is not sortable, and impossible days", () => {
    const { invalid } = parseListParams(list, { sort: "note.asc", from: "2025-02-30" });
    expect(invalid.map((i) => i.param).sort()).toEqual(["from", "sort"]);
  });

  it("takes the first of repeated params and ignores empty ones", () => {
    expect(parseListParams(list, { page: ["2", "5"] }).values.page).toBe(2);
    expect(parseListParams(list, new URLSearchParams("page=4&status=")).values).toMatchObject({
      page: 4,
      status: null,
    });
    expect(parseListParams(list, { status: "" }).invalid).toEqual([]);
  });
});

describe("list specs", () => {
  it("derive the sortable ids from the columns", () => {
    expect(list.sortIds).toEqual(["createdAt", "quantity"]);
    expect(orderList.sortIds).toEqual(["id", "totalAmount", "orderedAt", "modifiedAt"]);
  });

  it("give the CSV columns in column order", () => {
    const columns = csvColumnsOf(orderList);
    expect(columns.map((c) => c.header)).toEqual([
      "order_id",
      "external_id",
      "marketplace",
      "status",
      "marketplace_state",
      "customer",
      "country",
      "lines",
      "units",
      "locked_units",
      "total",
      "currency",
      "has_label",
      "has_delivery_note",
      "ordered_at",
      "modified_at",
    ]);
  });

  it("serialize a value back to the URL text it was parsed from", () => {
    const { parsers } = list;
    const sort = parsers.sort.parse("quantity.desc");
    expect(sort && parsers.sort.serialize(sort)).toBe("quantity.desc");
    const status = parsers.status.parse("consumed,locked");
    expect(status && parsers.status.serialize(status)).toBe("consumed,locked");
    const from = parsers.from.parse("2025-03-01");
    expect(from && parsers.from.serialize(from)).toBe("2025-03-01");
  });
});
