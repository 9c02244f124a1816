// The vocabulary of returns (stock_returns): a sold, shipped unit that may come back. A
// marketplace signal only says a parcel is probably on its way; units go back on hand only
// when staff restock a received return. Part of lib/domain: imports nothing but its siblings.
import type { Provider } from "./enums";

/** expected → received → restocked | written_off; expected → written_off (never arrived). */
export const returnStatuses = ["expected", "received", "restocked", "written_off"] as const;
export type ReturnStatus = (typeof returnStatuses)[number];
/** Statuses that still wait for a person (the /returns page's default view). */
export const openReturnStatuses = ["expected", "received"] as const satisfies ReturnStatus[];

/** The raw signal a return came from. */
export const returnSources = [
  "backmarket_refund_after_shipping",
  "backmarket_care_return",
  "refurbed_return",
  "shopify_refund",
  "manual",
] as const;
export type ReturnSource = (typeof returnSources)[number];

export const returnSourceNames: Record<ReturnSource, string> = {
  backmarket_refund_after_shipping: "Back Market refund after shipping",
  backmarket_care_return: "Back Market care return",
  refurbed_return: "Refurbed return",
  shopify_refund: "Shopify refund after fulfilment",
  manual: "Manual (staff)",
};

/**
 * The source of a return created because an item this system saw shipped became `refunded`
 * (Back Market line state 6, Refurbed item RETURNED, a Shopify refund after fulfilment). One
 * entry per provider: a provider added later names its source here and nothing else changes.
 * (`shopify` is listed before its provider joins `providers`; the key type allows both.)
 */
export const refundAfterShippingSource: Readonly<Record<Provider | "shopify", ReturnSource>> = {
  backmarket: "backmarket_refund_after_shipping",
  refurbed: "refurbed_return",
  shopify: "shopify_refund",
  // The simulator provider speaks Back Market's wire format: its line state 6 is that signal.
  simulator: "backmarket_refund_after_shipping",
};

/**
 * Raw line states, per provider, that mean "refunded after the unit shipped": the unit left
 * stock even when this system never saw the line shipped (a poll that missed it). Such a
 * line's lock is consumed, not released, and it is expected back like a shipped one.
 * (Shopify's raw state for a refund after fulfilment is its provider's to name here.)
 */
const refundedAfterShippingStates: Readonly<Record<Provider | "shopify", readonly string[]>> = {
  backmarket: ["6"],
  simulator: ["6"],
  refurbed: ["RETURNED"],
  shopify: [],
};

export function isRefundedAfterShipping(provider: string, marketplaceState: string): boolean {
  const states = refundedAfterShippingStates[provider as Provider | "shopify"] ?? [];
  return states.includes(marketplaceState);
}

/** Why a return is written off: free text, with the common cases offered by the UI. */
export const writeOffReasonHints = [
  "never returned (customer kept it)",
  "lost in transit",
  "not sellable (damaged, locked, missing parts)",
  "wrong item received",
] as const;
