// The webhook signature over raw bytes, and what each topic's body yields.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validShopifySignature, webhookSubject } from "./webhook";

const sign = (body: string | Buffer, secret: string) =>
  createHmac("sha256", secret).update(body).digest("base64");

describe("validShopifySignature", () => {
  // Shopify escapes "/" as "\/": re-serialised JSON would not match the signature.
  const raw = Buffer.from('{"note":"a\\/b \\u0026 c","id":1}');

  it("accepts the base64 HMAC of the raw bytes, with either secret during a rotation", () => {
    expect(validShopifySignature(raw, sign(raw, "new"), ["new"])).toBe(true);
    expect(validShopifySignature(raw, sign(raw, "old"), ["new", "old"])).toBe(true);
  });

  it("refuses a missing, malformed, hex or other-body signature", () => {
    expect(validShopifySignature(raw, null, ["new"])).toBe(false);
    expect(validShopifySignature(raw, "", ["new"])).toBe(false);
    expect(validShopifySignature(raw, "not base64!", ["new"])).toBe(false);
    const hex = createHmac("sha256", "new").update(raw).digest("hex");
    expect(validShopifySignature(raw, hex, ["new"])).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(validShopifySignature(raw, sign(reserialised, "new"), ["new"])).toBe(false);
  });
});

describe("webhookSubject", () => {
  it("reads an order's GID and its updated_at in UTC", () => {
    const body =
      '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","updated_at":"2025-11-03T04:12:45-05:00"}';
    expect(webhookSubject("orders/updated", body)).toEqual({
      ok: true,
      subject: {
        kind: "order",
        orderId: "820982911946154508",
        updatedAt: "2025-11-03T09:12:45.000Z",
      },
    });
  });

  it("reads a refund's order id exactly, beyond 2^53", () => {
    const body = '{"id":1,"order_id":820982911946154508,"refund_line_items":[]}';
    expect(webhookSubject("refunds/create", body)).toEqual({
      ok: true,
      subject: { kind: "order", orderId: "820982911946154508", updatedAt: null },
    });
  });

  it("reads an inventory level, ignores other topics, refuses bodies it cannot use", () => {
    const level = '{"inventory_item_id":48000001,"location_id":1,"available":4,"updated_at":"x"}';
    expect(webhookSubject("inventory_levels/update", level)).toEqual({
      ok: true,
      subject: { kind: "inventory", inventoryItemId: "48000001", locationId: "1", available: 4 },
    });
    expect(webhookSubject("products/update", "{}")).toMatchObject({
      ok: true,
      subject: { kind: "ignored" },
    });
    expect(webhookSubject("orders/updated", "not json")).toMatchObject({ ok: false });
    expect(webhookSubject("orders/updated", '{"id":1}')).toMatchObject({ ok: false });
  });
});
