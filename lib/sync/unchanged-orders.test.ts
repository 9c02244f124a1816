import { describe, expect, it } from "vitest";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { matchesStored } from "./unchanged-orders";

const modifiedAt = new Date("2026-05-01T10:00:00.123Z");
const order: NormalizedOrder = {
  marketplaceId: 1,
  externalId: "61000001",
  marketplaceState: "1",
  orderedAt: new Date("2026-05-01T09:00:00Z"),
  modifiedAt,
  currency: "EUR",
  totalAmount: "489",
  labelUrl: null,
  items: [
    {
      externalId: "82000001",
      sku: "A",
      quantity: 1,
      status: "new",
      marketplaceState: "1",
      unitPrice: "489.0",
    },
  ],
};
const stored = {
  external_id: "61000001",
  marketplace_state: "1",
  modified_ms: modifiedAt.getTime(),
  currency: "EUR",
  total_amount: "489.00",
  customer_name: "Camille Martin",
  shipping_country: "FR",
  label_url: "https://label",
  delivery_note_url: null,
  tracking_number: null,
  items: [
    {
      external_id: "82000001",
      sku: "A",
      name: "iPhone",
      quantity: 1,
      unit_price: "489.00",
      status: "new",
      marketplace_state: "1",
      care_id: null,
      variation_id: 7,
      vanished: false,
    },
  ],
};

describe("matchesStored", () => {
  it("treats equal values, equal amounts and absent (coalesced) fields as unchanged", () => {
    expect(matchesStored(order, stored)).toBe(true);
  });

  it("sees any change upsertOrder would write", () => {
    const item = order.items[0];
    if (!item) throw new Error("no item");
    const changed: NormalizedOrder[] = [
      { ...order, marketplaceState: "2" },
      { ...order, modifiedAt: new Date(modifiedAt.getTime() + 1) },
      { ...order, labelUrl: "https://other-label" },
      { ...order, totalAmount: "490" },
      { ...order, items: [{ ...item, status: "accepted" }] },
      { ...order, items: [{ ...item, careId: "4100001" }] },
      { ...order, items: [item, { ...item, externalId: "82000002" }] },
    ];
    for (const candidate of changed) expect(matchesStored(candidate, stored)).toBe(false);
  });

  it("sees a line vanish or come back, and ignores a line already recorded as vanished", () => {
    const line = stored.items[0] as (typeof stored.items)[number];
    const gone = { ...line, external_id: "82000009" };
    expect(matchesStored(order, { ...stored, items: [line, gone] })).toBe(false);
    expect(matchesStored(order, { ...stored, items: [line, { ...gone, vanished: true }] })).toBe(
      true,
    );
    expect(matchesStored(order, { ...stored, items: [{ ...line, vanished: true }] })).toBe(false);
  });

  it("always re-upserts an order with an unmapped line (its SKU may map now)", () => {
    const unmapped = { ...stored, items: stored.items.map((i) => ({ ...i, variation_id: null })) };
    expect(matchesStored(order, unmapped)).toBe(false);
  });
});
