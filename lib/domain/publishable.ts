// The publishable quantity (DESIGN "Stock rules"): what a marketplace should show for a
// variation. This is its one home: the TS function and the SQL fragment below are the only
// places that compute it, and a property test on PostgreSQL holds them to the same answers;
// explainPublishable (publishable-explain.ts) tells a person the same number step by step.
// A new listing rule becomes a field of ListingRules and a step of each function; every caller
// passes the marketplace_stock row (its drizzle alias, or listingRuleColumns for raw SQL)
// whole, so it picks the new columns up without changes.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** A listing's allocation rules (columns of marketplace_stock). */
export interface ListingRules<T = number> {
  /** Safety units held back. */
  buffer: T;
  /** Never publish more than this (null: no cap). */
  maxQuantity: T | null;
  /** Percentage (1–100) of what is left after the buffer, rounded down (null: 100). */
  sharePercent: T | null;
  /** Publish 0 while available is at or below this (null: off). */
  zeroAtOrBelow: T | null;
}

/** No rule at all: publishable = max(0, available). */
export const NO_LISTING_RULES: ListingRules = {
  buffer: 0,
  maxQuantity: null,
  sharePercent: null,
  zeroAtOrBelow: null,
};

/** The rules' SQL column names (marketplace_stock), for queries written as raw SQL. */
export const LISTING_RULE_COLUMNS = {
  buffer: "buffer",
  maxQuantity: "max_quantity",
  sharePercent: "share_percent",
  zeroAtOrBelow: "zero_at_or_below",
} as const satisfies Record<keyof ListingRules, string>;

/** The rules of the marketplace_stock row aliased `tableAlias` in a raw SQL query. */
export function listingRuleColumns(tableAlias: string): ListingRules<SQL> {
  const column = (name: string) => sql`${sql.identifier(tableAlias)}.${sql.identifier(name)}`;
  return {
    buffer: column(LISTING_RULE_COLUMNS.buffer),
    maxQuantity: column(LISTING_RULE_COLUMNS.maxQuantity),
    sharePercent: column(LISTING_RULE_COLUMNS.sharePercent),
    zeroAtOrBelow: column(LISTING_RULE_COLUMNS.zeroAtOrBelow),
  };
}

/** available(variation) = on_hand − Σ active locks over all marketplaces (may be negative). */
export function availableQuantity(variation: { onHand: number; lockedQuantity: number }): number {
  return variation.onHand - variation.lockedQuantity;
}

/**
 * publishable(variation, marketplace) = 0 while available ≤ zero_at_or_below (when set);
 * otherwise min(max_quantity, floor(max(0, available − buffer) × share_percent / 100)).
 */
export function publishableQuantity(available: number, rules: ListingRules): number {
  if (rules.zeroAtOrBelow !== null && available <= rules.zeroAtOrBelow) return 0;
  const shared = Math.floor(
    (Math.max(0, available - rules.buffer) * (rules.sharePercent ?? 100)) / 100,
  );
  return rules.maxQuantity === null ? shared : Math.min(rules.maxQuantity, shared);
}

/** availableQuantity as SQL, from column expressions. */
export function availableSql(variation: { onHand: SQLWrapper; locked: SQLWrapper }): SQL<number> {
  return sql<number>`(${variation.onHand} - ${variation.locked})`;
}

/**
 * publishableQuantity as SQL: `available` and the rules are column expressions. A null
 * zero_at_or_below never matches (`x <= null` is null), `least` ignores a null cap, and the
 * share is applied in bigint so that a large stock times 100 cannot overflow int.
 */
export function publishableSql(
  available: SQLWrapper,
  rules: ListingRules<SQLWrapper>,
): SQL<number> {
  return sql<number>`(case when ${available} <= ${rules.zeroAtOrBelow} then 0
    else least(${rules.maxQuantity}, (greatest(0, (${available})::bigint - ${rules.buffer})
      * coalesce(${rules.sharePercent}, 100) / 100)::int) end)`;
}
