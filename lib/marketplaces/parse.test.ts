// The tolerant primitives and the Back Market / Refurbed schemas against the quirks of NOTES.md.
import { describe, expect, it } from "vitest";
import { mapBackMarketOrder } from "./backmarket/mapping";
import { bmOrderSchema } from "./backmarket/schemas";
import { toOrderResult } from "./order-result";
import { decimalString, idString, parseMarketplaceDate, rawId } from "./parse";
import { rfOrderSchema } from "./refurbed/schemas";
import { shopifyOrderSchema } from "./shopify/schemas";

describe("parseMarketplaceDate", () => {
  it.each([
    ["2024-05-01T10:00:00Z", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01T10:00:00.123456+00:00", "2024-05-01T10:00:00.123Z"],
    ["2024-05-01T12:00:00.5+02:00", "2024-05-01T10:00:00.500Z"],
    ["2024-05-01T10:00:00", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01 10:00:00", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["2024-05-01T06:30:00-0330", "2024-05-01T10:00:00.000Z"],
    ["2024-02-29T23:59:59.9996Z", "2024-02-29T23:59:59.999Z"],
  ])("reads %s", (input, iso) => {
    expect(parseMarketplaceDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    "yesterday",
    "2024-13-45T99:00:00Z",
    "2023-02-29",
    "2024-04-31T10:00:00Z",
    "01/05/2024",
    "",
  ])("rejects %j", (input) => {
    expect(parseMarketplaceDate(input)).toBeNull();
  });
});

describe("primitives", () => {
  it("keeps ids as strings whatever their wire type", () => {
    expect(idString.parse(123)).toBe("123");
    expect(idString.parse("9223372036854775807")).toBe("9223372036854775807");
    expect(idString.parse("7a97a1b6-547e-4718-bc72-5b84aca91b09")).toBe(
      "7a97a1b6-547e-4718-bc72-5b84aca91b09",
    );
    expect(idString.safeParse("").success).toBe(false);
  });

  it("reads decimals from strings and numbers", () => {
    expect(decimalString.parse("229.0")).toBe("229.0");
    expect(decimalString.parse(229.5)).toBe("229.5");
    expect(decimalString.parse("12,50")).toBe("12.50");
    expect(decimalString.parse("")).toBeNull();
    expect(decimalString.safeParse("twelve").success).toBe(false);
  });

  it("reads raw ids only from objects", () => {
    expect(rawId({ order_id: 5 }, "order_id")).toBe("5");
    expect(rawId("nope", "id")).toBeUndefined();
  });
});

const bmOrder = (overrides: Record<string, unknown> = {}) => ({
  order_id: 42,
  state: "1",
  date_creation: "2024-05-01 10:00:00",
  date_modification: "2024-05-02T10:00:00.654321+00:00",
  currency: "eur",
  price: 300,
  orderlines: [{ id: "7", state: 1, listing: " SKU-1 ", quantity: "3", price: "100" }],
  ...overrides,
});
const idOf = (raw: unknown) => rawId(raw, "order_id", "id");

describe("Back Market order schema", () => {
  it("reads snake_case and camelCase addresses alike", () => {
    const snake = bmOrderSchema.parse(
      bmOrder({ shipping_address: { first_name: "Ada", last_name: "Lovelace", country: "gb" } }),
    );
    const camel = bmOrderSchema.parse(
      bmOrder({ shipping_address: { firstName: "Ada", lastName: "Lovelace", country: "gb" } }),
    );
    for (const parsed of [snake, camel]) {
      const order = mapBackMarketOrder(parsed, 1);
      expect(order.customerName).toBe("Ada Lovelace");
      expect(order.shippingCountry).toBe("GB");
    }
  });

  it("turns the line total into a unit price and trims the SKU", () => {
    const order = mapBackMarketOrder(bmOrderSchema.parse(bmOrder()), 1);
    expect(order).toMatchObject({
      externalId: "42",
      currency: "EUR",
      totalAmount: "300",
      marketplaceState: "1",
    });
    expect(order.items[0]).toMatchObject({
      externalId: "7",
      sku: "SKU-1",
      quantity: 3,
      unitPrice: "33.33",
      status: "new",
    });
    expect(order.orderedAt.toISOString()).toBe("2024-05-01T10:00:00.000Z");
  });

  it("reports an unknown line state, a bad quantity and an order without lines", () => {
    const unknownState = toOrderResult(
      bmOrder({ orderlines: [{ id: 1, state: 11, listing: "A", quantity: 1 }] }),
      bmOrderSchema,
      (o) => mapBackMarketOrder(o, 1),
      idOf,
    );
    expect(unknownState).toEqual({
      ok: false,
      failure: {
        externalId: "42",
        path: "orderlines.0.state",
        message: "unknown order-line state",
      },
    });
    const zero = toOrderResult(
      bmOrder({ orderlines: [{ id: 1, state: 1, listing: "A", quantity: 0 }] }),
      bmOrderSchema,
      (o) => mapBackMarketOrder(o, 1),
      idOf,
    );
    expect(zero.ok === false && zero.failure.path).toBe("orderlines.0.quantity");
    const empty = toOrderResult(
      bmOrder({ orderlines: [] }),
      bmOrderSchema,
      (o) => mapBackMarketOrder(o, 1),
      idOf,
    );
    expect(empty).toMatchObject({
      ok: false,
      failure: { externalId: "42", path: "items", message: "an order has at least one line" },
    });
    expect(
      toOrderResult("<html>", bmOrderSchema, (o) => mapBackMarketOrder(o, 1), idOf),
    ).toMatchObject({ ok: false, failure: { externalId: "?" } });
  });
});

describe("Refurbed order schema", () => {
  it("reads int64 ids as strings or numbers and an empty SKU", () => {
    const parsed = rfOrderSchema.parse({
      id: 9100001,
      released_at: "2024-05-01T10:00:00Z",
      state: "NEW",
      items: [{ id: "5300001", state: "NEW", sku: "", total_charged: "10.5" }],
    });
    expect(parsed.id).toBe("9100001");
    expect(parsed.items[0]).toMatchObject({ id: "5300001", sku: "", total_charged: "10.5" });
  });
});

describe("an order's lines", () => {
  // Each provider's order schema bounds the lines as listed (200); what a line becomes after
  // mapping (Shopify: one item per unit) is bounded separately, per stored order (2,000).
  // Refurbed lists one item per unit, so its bound is the stored one.
  const lines = (count: number) => Array.from({ length: count }, () => ({}));
  const lineIssues = (result: { success: boolean; error?: { issues: unknown[] } }, path: string) =>
    (result.error?.issues ?? []).filter(
      (issue) => (issue as { path: unknown[] }).path.join(".") === path,
    ) as { message: string }[];

  it.each([
    ["Back Market", (n: number) => bmOrderSchema.safeParse({ orderlines: lines(n) }), "orderlines"],
    [
      "Shopify",
      (n: number) => shopifyOrderSchema.safeParse({ lineItems: { nodes: lines(n) } }),
      "lineItems.nodes",
    ],
  ])("%s: more than 200 lines is refused with the limit named", (_, parse, path) => {
    expect(lineIssues(parse(201), path).map((issue) => issue.message)).toEqual([
      "more than 200 lines (the limit per order)",
    ]);
    expect(lineIssues(parse(200), path)).toEqual([]);
  });

  it("Refurbed: a lot of 2,000 units (one item each) is read; 2,001 is refused", () => {
    const parse = (n: number) => rfOrderSchema.safeParse({ items: lines(n) });
    expect(lineIssues(parse(2_000), "items")).toEqual([]);
    expect(lineIssues(parse(2_001), "items").map((issue) => issue.message)).toEqual([
      "more than 2000 items (the limit per order)",
    ]);
  });
});
