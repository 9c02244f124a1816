// A Shopify marketplace's non-secret settings (marketplaces.settings): which shop, which
// location its stock lives at, the pinned Admin API version, and the NAMES of the variables
// holding its secrets (never their values).
import { z } from "zod";
import { secretEnvSchema } from "@/lib/validations/token-env";

/**
 * The pinned Admin API version (a quarter's stable release). 2026-04 is the first with the
 * final compare-and-swap inventory writes (`changeFromQuantity` and `@idempotent` mandatory).
 */
export const SHOPIFY_DEFAULT_API_VERSION = "2026-04";

export const shopifyApiVersionSchema = z
  .string()
  .trim()
  .regex(/^20\d\d-(01|04|07|10)$/, "a stable Admin API version like 2026-04");

/** `x.myshopify.com`: the shop's permanent domain (also X-Shopify-Shop-Domain on webhooks). */
export const shopDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "the shop's x.myshopify.com domain");

/** A location as a GID, or its numeric id (turned into the GID). */
export const locationIdSchema = z
  .union([z.string().trim(), z.number().int().positive()])
  .transform(String)
  .pipe(
    z
      .string()
      .regex(/^(gid:\/\/shopify\/Location\/)?\d+$/, "a location id like gid://shopify/Location/1"),
  )
  .transform((id) => (id.startsWith("gid://") ? id : `gid://shopify/Location/${id}`));

export const shopifySettingsSchema = z
  .object({
    shopDomain: shopDomainSchema,
    locationId: locationIdSchema,
    apiVersion: shopifyApiVersionSchema.default(SHOPIFY_DEFAULT_API_VERSION),
    /** The variable holding the webhook HMAC key (the app's client secret). */
    webhookSecretEnv: secretEnvSchema("_SECRET").optional(),
    /** Client-credentials apps: the variables of the client id and secret (tokens refreshed). */
    clientIdEnv: secretEnvSchema("_CLIENT_ID").optional(),
    clientSecretEnv: secretEnvSchema("_SECRET").optional(),
  })
  .refine((s) => (s.clientIdEnv === undefined) === (s.clientSecretEnv === undefined), {
    message: "clientIdEnv and clientSecretEnv go together (client-credentials apps)",
    path: ["clientIdEnv"],
  });

export type ShopifySettings = z.output<typeof shopifySettingsSchema>;

/** How inventory writes compare and deduplicate on a version (NOTES (b) "Compare-and-swap"). */
export interface InventoryWriteRules {
  /** ≤ 2025-10 `compareQuantity`; from 2026-01 `changeFromQuantity`. */
  compareField: "compareQuantity" | "changeFromQuantity";
  /** `@idempotent(key:)`: none before 2026-01, sent from then on (mandatory from 2026-04). */
  idempotencyKey: boolean;
}

export function inventoryWriteRules(apiVersion: string): InventoryWriteRules {
  const modern = apiVersion >= "2026-01";
  return {
    compareField: modern ? "changeFromQuantity" : "compareQuantity",
    idempotencyKey: modern,
  };
}
