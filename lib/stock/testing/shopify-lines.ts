// Test helper for the stock property: a Shopify order's lines through their life (payment,
// partial fulfilments, refunds before and after fulfilment, cancellation), each step a
// snapshot as the Shopify client maps it (lib/marketplaces/shopify/mapping.ts), so the
// property plays real per-unit items through the stock rules.
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { mapShopifyOrder } from "@/lib/marketplaces/shopify/mapping";
import type { ShopifyLine, ShopifyOrder } from "@/lib/marketplaces/shopify/schemas";

export type ShopifyAction =
  | { kind: "pay" }
  | { kind: "fulfil"; line: number; units: number }
  | { kind: "refund_before"; line: number; units: number }
  | { kind: "refund_after"; line: number; units: number }
  | { kind: "cancel" };

interface LineState {
  quantity: number;
  fulfilled: number;
  refundedBefore: number;
  refundedAfter: number;
}

/** What Shopify truly holds for a unit at the end: its expected lock. */
export type UnitTruth = "open" | "fulfilled" | "never_shipped";

export interface ShopifyHistory {
  snapshots: NormalizedOrder[];
  /** Per line, per unit (1-based position = index + 1): the unit's final truth. */
  truth: UnitTruth[][];
}

/** Plays the actions (an impossible one is skipped) and snapshots the order after each. */
export function shopifyHistory(
  marketplaceId: number,
  externalId: string,
  skus: readonly string[],
  quantities: readonly number[],
  paidAtStart: boolean,
  actions: readonly ShopifyAction[],
): ShopifyHistory {
  const lines: LineState[] = quantities.map((quantity) => ({
    quantity,
    fulfilled: 0,
    refundedBefore: 0,
    refundedAfter: 0,
  }));
  let paid = paidAtStart;
  let cancelled = false;
  const start = Date.parse("2026-03-01T10:00:00Z");
  const snapshots: NormalizedOrder[] = [];
  const snapshot = () => {
    const at = new Date(start + snapshots.length * 60_000);
    const shopifyLines: ShopifyLine[] = lines.map((line, index) => ({
      id: `gid://shopify/LineItem/${index + 1}`,
      sku: skus[index] ?? "",
      name: null,
      quantity: line.quantity,
      currentQuantity: line.quantity - line.refundedBefore - line.refundedAfter,
      unfulfilledQuantity: line.quantity - line.fulfilled - line.refundedBefore,
      originalUnitPriceSet: null,
    }));
    const anyFulfilled = lines.some((line) => line.fulfilled > 0);
    const order: ShopifyOrder = {
      id: `gid://shopify/Order/${externalId.replace(/\D/g, "") || "1"}`,
      legacyResourceId: externalId,
      name: null,
      createdAt: new Date(start),
      updatedAt: at,
      cancelledAt: cancelled ? at : null,
      cancelReason: null,
      displayFinancialStatus: paid ? "PAID" : "PENDING",
      displayFulfillmentStatus: anyFulfilled ? "PARTIALLY_FULFILLED" : "UNFULFILLED",
      currencyCode: "EUR",
      totalPriceSet: null,
      shippingAddress: null,
      lineItems: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: shopifyLines },
    };
    const fulfilled = new Map(shopifyLines.map((line, i) => [line.id, lines[i]?.fulfilled ?? 0]));
    snapshots.push(mapShopifyOrder(order, shopifyLines, marketplaceId, fulfilled));
  };
  snapshot();
  for (const action of actions) {
    if (cancelled) break;
    if (action.kind === "pay") {
      if (paid) continue;
      paid = true;
    } else if (action.kind === "cancel") {
      for (const line of lines) line.refundedBefore = line.quantity - line.fulfilled;
      cancelled = true;
    } else {
      const line = lines[action.line];
      if (!line) continue;
      const unfulfilled = line.quantity - line.fulfilled - line.refundedBefore;
      const kept = line.fulfilled - line.refundedAfter;
      const room = action.kind === "refund_after" ? kept : unfulfilled;
      const units = Math.min(action.units, room);
      if (units <= 0) continue;
      if (action.kind === "fulfil") line.fulfilled += units;
      else if (action.kind === "refund_before") line.refundedBefore += units;
      else line.refundedAfter += units;
    }
    snapshot();
  }
  const truth = lines.map((line) =>
    Array.from({ length: line.quantity }, (_, unit): UnitTruth => {
      if (unit < line.fulfilled) return "fulfilled";
      if (unit >= line.quantity - line.refundedBefore) return "never_shipped";
      return cancelled ? "never_shipped" : "open";
    }),
  );
  return { snapshots, truth };
}
