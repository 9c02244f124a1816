// The publishable quantity (DESIGN "Stock rules"): what a marketplace should show for a
// variation. This is its one home: the TS function and the SQL fragment below are the only
// places that compute it, and a property test on PostgreSQL holds them to the same answers.
// A new listing rule (cap, share, zero-at) becomes a field of ListingRules and a step of both
// functions here; every caller passes the marketplace_stock row (or its alias) whole, so it
// picks the new columns up without changes.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** A listing's own rules (columns of marketplace_stock). */
export interface ListingRules<T = number> {
  /** Safety units held back. */
  buffer: T;
}

/** available(variation) = on_hand − Σ active locks over all marketplaces (may be negative). */
export function availableQuantity(variation: { onHand: number; lockedQuantity: number }): number {
  return variation.onHand - variation.lockedQuantity;
}

/** publishable(variation, marketplace) = max(0, available − buffer). */
export function publishableQuantity(available: number, rules: ListingRules): number {
  return Math.max(0, available - rules.buffer);
}

/** availableQuantity as SQL, from column expressions. */
export function availableSql(variation: { onHand: SQLWrapper; locked: SQLWrapper }): SQL<number> {
  return sql<number>`(${variation.onHand} - ${variation.locked})`;
}

/** publishableQuantity as SQL: `available` and the rules are column expressions. */
export function publishableSql(
  available: SQLWrapper,
  rules: ListingRules<SQLWrapper>,
): SQL<number> {
  return sql<number>`greatest(0, ${available} - ${rules.buffer})`;
}
