import { z } from "zod";
import { acceptPolicies, providers } from "@/db/schema/enums";
import { csvList, idParam, tableParamsShape } from "./search-params";

export const marketplaceSortable = ["code", "name", "provider", "lastRunAt"] as const;

export const marketplaceSearchShape = {
  ...tableParamsShape(marketplaceSortable, { id: "code", desc: false }),
  provider: csvList(z.enum(providers)).optional(),
  active: z.enum(["yes", "no"]).optional(),
};

export type MarketplaceSearch = z.infer<z.ZodObject<typeof marketplaceSearchShape>>;
export type MarketplaceFilters = Omit<MarketplaceSearch, "page" | "perPage" | "sort">;

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** A marketplace as the add/edit form submits it (secrets stay in the named env variable). */
export const marketplaceInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes (e.g. bm-fr)")
    .max(40),
  name: z.string().trim().min(1, "required").max(100),
  provider: z.enum(providers),
  baseUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, "")),
  tokenEnv: z
    .string()
    .trim()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name (e.g. BM_FR_TOKEN)"),
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
});
export type MarketplaceInput = z.infer<typeof marketplaceInputSchema>;

export const marketplaceUpdateSchema = marketplaceInputSchema.extend({ id: idParam });
