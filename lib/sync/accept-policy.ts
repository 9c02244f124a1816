// Which paid lines the `new` sync accepts on the marketplace, per the marketplace's policy.
import type { AcceptPolicy, ItemStatus } from "@/lib/domain/enums";

export interface AcceptCandidate {
  externalId: string;
  sku: string;
  /** The line's status after the upsert: only `new` (paid, unaccepted) lines are accepted. */
  status: ItemStatus;
  /** The SKU names a variation (the line holds a lock). */
  mapped: boolean;
  /** The line's lock took its variation below zero available. */
  oversold: boolean;
}

/**
 * `always`: every paid line. `never`: none. `when_in_stock`: lines that are mapped and whose
 * lock left available ≥ 0; unmapped or overselling lines wait for staff.
 */
export function linesToAccept<T extends AcceptCandidate>(
  policy: AcceptPolicy,
  lines: readonly T[],
): T[] {
  const paid = lines.filter((line) => line.status === "new");
  switch (policy) {
    case "never":
      return [];
    case "always":
      return paid;
    case "when_in_stock":
      return paid.filter((line) => line.mapped && !line.oversold);
  }
}
