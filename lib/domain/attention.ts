// Conditions staff must look at, as SQL over column expressions: their one home, read by the
// alerts, the summary cards, the list filters and the overview (each passes its own aliases).
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { openItemStatuses } from "./enums";
import { availableSql } from "./publishable";

const openStatuses = sql.raw(`(${openItemStatuses.map((s) => `'${s}'`).join(", ")})`);

/** An open order line whose SKU maps to no variation: it holds no lock ("unmapped"). */
export function unmappedOpenItemSql(item: {
  variationId: SQLWrapper;
  status: SQLWrapper;
}): SQL<boolean> {
  return sql<boolean>`(${item.variationId} is null and ${item.status} in ${openStatuses})`;
}

/** A listing whose publishable quantity still has to reach its marketplace. */
export function pushPendingSql(listing: { pushPendingSince: SQLWrapper }): SQL<boolean> {
  return sql<boolean>`(${listing.pushPendingSince} is not null)`;
}

/**
 * A pending push with a failed attempt since the last success (a settled push resets the
 * attempts): /v2/listing's "failing", /sync's count, the push_failing alert, the overview.
 */
export function pushFailingSql(listing: {
  pushPendingSince: SQLWrapper;
  pushAttempts: SQLWrapper;
}): SQL<boolean> {
  return sql<boolean>`(${pushPendingSql(listing)} and ${listing.pushAttempts} > 0)`;
}

/**
 * An oversold variation: its active locks hold more units than it has (available < 0), read
 * from the variation's own counters (equal to its locks by invariant, and one row away).
 */
export function oversoldVariationSql(variation: {
  onHand: SQLWrapper;
  lockedQuantity: SQLWrapper;
}): SQL<boolean> {
  return sql<boolean>`(${availableSql({ onHand: variation.onHand, locked: variation.lockedQuantity })} < 0)`;
}
