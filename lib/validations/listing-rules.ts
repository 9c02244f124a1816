// Allocation rules as staff enter them (dashboard forms, server actions, CLI, CSV import): one
// schema, so the browser's check and the server's are the same. No database import: the
// listing editor runs it in the browser too.
import { z } from "zod";
import { idParam } from "./search-params";

/** Beyond any real stock; keeps every rule well inside PostgreSQL's int. */
export const MAX_RULE_QUANTITY = 1_000_000;

const ruleQuantity = z
  .number()
  .int("must be a whole number")
  .min(0, "cannot be negative")
  .max(MAX_RULE_QUANTITY, `at most ${MAX_RULE_QUANTITY.toLocaleString("en")}`);

/** A complete rule set (a listing's, or a marketplace's defaults for new listings). */
export const listingRulesSchema = z
  .object({
    buffer: ruleQuantity,
    maxQuantity: ruleQuantity.nullable(),
    sharePercent: z
      .number()
      .int("must be a whole number")
      .min(1, "at least 1 %")
      .max(100, "at most 100 %")
      .nullable(),
    zeroAtOrBelow: ruleQuantity.nullable(),
  })
  .strict();

/** What to change: an absent rule stays as it is; null switches a rule off (cap, share, zero-at). */
export const listingRulesPatchSchema = listingRulesSchema
  .partial()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "change at least one rule",
  });
export type ListingRulesPatch = z.infer<typeof listingRulesPatchSchema>;

/** Which listings an action means: some by id, or all that match the page's filter. */
export const listingRulesTargetSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("listings"),
    ids: z.array(idParam).min(1, "select at least one listing").max(1_000),
  }),
  z.object({
    kind: z.literal("filter"),
    /** The listing page's URL parameters (parsed by its list spec on the server). */
    params: z.record(z.string(), z.union([z.string().max(500), z.array(z.string().max(500))])),
  }),
]);
export type ListingRulesTarget = z.infer<typeof listingRulesTargetSchema>;

export const previewListingRulesInputSchema = z.object({
  target: listingRulesTargetSchema,
  rules: listingRulesPatchSchema,
});
export type PreviewListingRulesInput = z.input<typeof previewListingRulesInputSchema>;

export const setListingRulesInputSchema = previewListingRulesInputSchema.extend({
  /** How many listings the preview matched: a filter matching another number now is refused. */
  expectedMatched: z.number().int().min(0),
});
export type SetListingRulesInput = z.input<typeof setListingRulesInputSchema>;

export const listingDefaultsInputSchema = z.object({
  marketplaceId: idParam,
  rules: listingRulesSchema,
});
export type ListingDefaultsInput = z.input<typeof listingDefaultsInputSchema>;
