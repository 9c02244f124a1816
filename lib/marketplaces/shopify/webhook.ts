// What a Shopify webhook delivery is, before and after its signature (NOTES (c)): the HMAC
// check over the raw body bytes (base64 HMAC-SHA256 with the app's secret, compared in
// constant time), the headers, and the little each topic's body must tell us — read only
// after the signature holds. Ids are read as digit strings from the raw text: Shopify's REST
// ids can exceed 2^53, which JSON.parse would round.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { parseMarketplaceDate } from "../parse";

/** Bytes a delivery body may have (an order with 200 lines is well under 1 MB). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Whether `signature` (the X-Shopify-Hmac-Sha256 header) signs `body` with one of `secrets`
 * (two during a secret rotation). Every secret is tried, each in constant time.
 */
export function validShopifySignature(
  body: Uint8Array,
  signature: string | null,
  secrets: readonly string[],
): boolean {
  if (!signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false;
  const given = Buffer.from(signature.trim(), "base64");
  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(body).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
  }
  return valid;
}

export const shopifyTopics = [
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "orders/fulfilled",
  "orders/partially_fulfilled",
  "refunds/create",
  "inventory_levels/update",
] as const;
export type ShopifyTopic = (typeof shopifyTopics)[number];

/** The headers a delivery must carry (Shopify's own library requires the same ones). */
export const shopifyWebhookHeadersSchema = z.object({
  topic: z.string().trim().min(1).max(100),
  shopDomain: z.string().trim().toLowerCase().min(1).max(255),
  webhookId: z.string().trim().min(1).max(200),
  eventId: z.string().trim().min(1).max(200).nullish(),
  triggeredAt: z
    .string()
    .nullish()
    .transform((value) => (value ? parseMarketplaceDate(value) : null)),
  apiVersion: z.string().trim().max(20).nullish(),
});
export type ShopifyWebhookHeaders = z.output<typeof shopifyWebhookHeadersSchema>;

/** What processing needs of a delivery's body (no customer data is kept). */
export type WebhookSubject =
  | { kind: "order"; orderId: string; updatedAt: string | null }
  | { kind: "inventory"; inventoryItemId: string; locationId: string; available: number }
  | { kind: "ignored"; reason: string };

const orderBodySchema = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/),
  updated_at: z.string().transform((value, ctx) => {
    const date = parseMarketplaceDate(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "updated_at is not a date" });
      return z.NEVER;
    }
    return date.toISOString();
  }),
});

const inventoryBodySchema = z.object({
  available: z.number().int().nullable(),
});

/** The first `"name": 123` (or `"name": "123"`) of the raw body, as a digit string. */
function rawIntegerField(text: string, name: string): string | null {
  const match = new RegExp(`"${name}"\\s*:\\s*"?(\\d{1,20})"?`).exec(text);
  return match?.[1] ?? null;
}

/**
 * The subject of a verified delivery, or a sentence saying why its body is not one we can
 * use. Orders name themselves and their `updated_at` (normalised to UTC: REST dates carry the
 * shop's offset); a refund names its order; an inventory level its item, location and count.
 */
export function webhookSubject(
  topic: string,
  text: string,
): { ok: true; subject: WebhookSubject } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, error: "the body is not JSON" };
  }
  if (!(shopifyTopics as readonly string[]).includes(topic)) {
    return { ok: true, subject: { kind: "ignored", reason: `topic ${topic} is not handled` } };
  }
  if (topic === "refunds/create") {
    const orderId = rawIntegerField(text, "order_id");
    if (!orderId) return { ok: false, error: "the refund names no order_id" };
    return { ok: true, subject: { kind: "order", orderId, updatedAt: null } };
  }
  if (topic === "inventory_levels/update") {
    const parsed = inventoryBodySchema.safeParse(body);
    const inventoryItemId = rawIntegerField(text, "inventory_item_id");
    const locationId = rawIntegerField(text, "location_id");
    if (!parsed.success || !inventoryItemId || !locationId || parsed.data.available === null) {
      return {
        ok: false,
        error: "the inventory level lacks inventory_item_id, location_id or available",
      };
    }
    return {
      ok: true,
      subject: { kind: "inventory", inventoryItemId, locationId, available: parsed.data.available },
    };
  }
  const parsed = orderBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `order body: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
    };
  }
  const orderId = parsed.data.admin_graphql_api_id.slice("gid://shopify/Order/".length);
  return { ok: true, subject: { kind: "order", orderId, updatedAt: parsed.data.updated_at } };
}
