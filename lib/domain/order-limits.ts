// Bounds on one normalised order (see lib/marketplaces/limits.ts for the read bounds): part of
// the order's vocabulary, so that normalizedOrderSchema checks them on every path in.
export const orderLimits = {
  /** Refurbished devices sell by the unit; a B2B lot of 1,000 is already unusual. */
  maxLineQuantity: 1_000,
  /** Lines as the marketplace lists them. */
  maxLinesPerOrder: 200,
  /**
   * Items stored for one order. Back Market and Refurbed store a line as one item; Shopify
   * stores one item per unit (NOTES (g)), so a single line of 250 units is 250 items.
   */
  maxItemsPerOrder: 2_000,
  /** Marketplace ids, SKUs, raw state codes, currency and country codes, tracking numbers. */
  maxCodeLength: 200,
  /** Product and customer names. */
  maxNameLength: 500,
  /** Label, delivery-note and tracking URLs (signed URLs can be long). */
  maxUrlLength: 4_096,
  /** Integer digits of an amount: the columns are numeric(12, 2). */
  maxAmountDigits: 10,
} as const;
