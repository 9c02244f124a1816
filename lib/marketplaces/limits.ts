// What the system accepts from a marketplace, in one place. A marketplace that misbehaves (a
// proxy cutting bodies, an endless `next` chain, a line of 2,000,000,000 units, a megabyte of
// customer name) meets these bounds instead of filling memory, looping or locking nonsense.
// Beyond a per-order bound: that order fails alone. Beyond a read bound: the run fails, says
// why, and keeps the orders of the pages it had read.

export interface ReadLimits {
  /** Bytes of one response body; a page of 50 full orders is well under 1 MB. */
  maxResponseBytes: number;
  /**
   * Pages one listing follows when the marketplace never repeats itself (repeats stop it at
   * once): 4,000 × 50 Back Market orders is 200 k, a first import of three busy months.
   */
  maxPagesPerListing: number;
}

export const defaultReadLimits: ReadLimits = {
  maxResponseBytes: 8 * 1024 * 1024,
  maxPagesPerListing: 4_000,
};

export function resolveReadLimits(overrides: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...defaultReadLimits, ...overrides };
}

export { orderLimits } from "@/lib/domain/order-limits";
