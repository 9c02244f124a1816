import { describe, expect, it } from "vitest";
import { deriveOrderStatus, normalizedOrderSchema } from "./normalized-order";

describe("deriveOrderStatus", () => {
  it("follows its lines", () => {
    expect(deriveOrderStatus(["shipped", "shipped"])).toBe("shipped");
    expect(deriveOrderStatus(["cancelled"])).toBe("cancelled");
    expect(deriveOrderStatus(["new", "accepted", "shipped"])).toBe("new");
    expect(deriveOrderStatus(["accepted", "cancelled"])).toBe("accepted");
    expect(deriveOrderStatus(["shipped", "cancelled"])).toBe("partial");
  });
});

describe("normalizedOrderSchema", () => {
  it("rejects an order without lines and a non-decimal price, naming the path", () => {
    const base = {
      marketplaceId: 1,
      externalId: "42",
      marketplaceState: "1",
      orderedAt: "2026-11-01T10:00:00+00:00",
    };
    expect(normalizedOrderSchema.safeParse({ ...base, items: [] }).success).toBe(false);
    const bad = normalizedOrderSchema.safeParse({
      ...base,
      items: [
        {
          externalId: "1",
          sku: "A",
          quantity: 1,
          status: "new",
          marketplaceState: "1",
          unitPrice: "12,5",
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["items", 0, "unitPrice"]);
  });
});
