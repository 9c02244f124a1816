import { z } from "zod";
import { acceptPolicies, providers } from "@/db/schema/enums";
import { alwaysRefusedHost } from "@/lib/marketplaces/http/address-kind";
import { shopifySettingsSchema } from "@/lib/marketplaces/shopify/settings";
import { idParam } from "./search-params";
import { tokenEnvSchema } from "./token-env";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/**
 * A marketplace's base URL: http(s), no credentials in it, never a link-local or metadata
 * host. Private and loopback hosts are checked per request (address-policy.ts), where the
 * install's MARKETPLACE_ALLOW_PRIVATE_HOSTS and the resolved address are known.
 */
export const marketplaceBaseUrlSchema = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .superRefine((text, ctx) => {
    const url = new URL(text);
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "must not hold a user name or password" });
      return;
    }
    const refused = alwaysRefusedHost(text);
    if (refused) ctx.addIssue({ code: "custom", message: `${url.hostname} is ${refused}` });
  })
  .transform((url) => url.replace(/\/+$/, ""));

/** A marketplace as the add/edit form submits it (secrets stay in the named env variable). */
const optionalField = z.preprocess(blankToUndefined, z.string().optional());

/**
 * The Shopify settings the form carries (shop domain, location, API version, webhook secret
 * variable), checked by the client's own schema when the provider is Shopify; other providers
 * ignore them.
 */
const shopifyFields = {
  shopDomain: optionalField,
  locationId: optionalField,
  apiVersion: optionalField,
  webhookSecretEnv: optionalField,
};

const marketplaceFieldsSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes (e.g. bm-fr)")
    .max(40),
  name: z.string().trim().min(1, "required").max(100),
  provider: z.enum(providers),
  baseUrl: marketplaceBaseUrlSchema,
  tokenEnv: tokenEnvSchema,
  country: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[a-z]{2})?$/, "a market code like fr-fr")
      .optional(),
  ),
  acceptPolicy: z.enum(acceptPolicies),
  active: z.boolean(),
  ...shopifyFields,
});

/** A marketplace as saved: Shopify's fields turned into its settings (checked), or none. */
function withSettings<S extends z.ZodType<z.output<typeof marketplaceFieldsSchema>>>(schema: S) {
  return schema.transform((input, ctx) => {
    const { shopDomain, locationId, apiVersion, webhookSecretEnv, ...rest } = input;
    if (rest.provider !== "shopify") return { ...rest, settings: undefined };
    const parsed = shopifySettingsSchema.safeParse({
      shopDomain,
      locationId,
      apiVersion,
      webhookSecretEnv,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: "custom" });
      return z.NEVER;
    }
    const settings = Object.fromEntries(
      Object.entries(parsed.data).filter(([, value]) => value !== undefined),
    );
    return { ...rest, settings };
  });
}

export const marketplaceInputSchema = withSettings(marketplaceFieldsSchema);
export type MarketplaceInput = z.output<typeof marketplaceInputSchema>;

export const marketplaceUpdateSchema = withSettings(
  marketplaceFieldsSchema.extend({ id: idParam }),
) as z.ZodType<MarketplaceInput & { id: number }>;
