// The one stock rule for order lines: a lock follows its item's status and quantity, and
// says when its line vanished. Decided from the item's current row and lock, never from the
// event that triggered it, so duplicated, reordered or concurrent events end the same way.
import type { ItemStatus, LockFlag, LockStatus } from "@/lib/domain/enums";
import { openItemStatuses } from "@/lib/domain/enums";

export interface ItemLockState {
  orderItemId: number;
  orderId: number;
  marketplaceId: number;
  variationId: number | null;
  quantity: number;
  status: ItemStatus;
  /** The marketplace's order no longer lists this line. */
  vanished: boolean;
  /** A refunded line whose raw state says the unit shipped first (lib/domain/returns). */
  refundedAfterShipping?: boolean;
  lock: { id: number; status: LockStatus; quantity: number; flag: LockFlag | null } | null;
}

/** What happens to an item's lock; `resize` keeps it locked at the item's new quantity. */
export type LockAction = "lock" | "resize" | "consume" | "release" | null;

const openStatuses: ReadonlySet<ItemStatus> = new Set(openItemStatuses);

export function isOpenStatus(status: ItemStatus): boolean {
  return openStatuses.has(status);
}

/**
 * What the lock of an item must do, from the DESIGN stock rules:
 * open item without lock → lock; open with a lock of another quantity → resize; shipped with
 * an active lock, or with a lock that was released (by staff, or by a cancellation the
 * marketplace took back) → consume, exactly once; cancelled/refunded with an active lock →
 * release (a refund after shipping counts as shipped: its unit left). Unmapped items get nothing; a consumed lock never moves again, a cancelled one only
 * to consumed. A final item without a lock stays without (its units left before this system
 * counted them, or it was unmapped while open).
 */
export function lockActionFor(
  item: Pick<
    ItemLockState,
    "variationId" | "status" | "quantity" | "lock" | "refundedAfterShipping"
  >,
): LockAction {
  if (item.variationId === null) return null;
  const { lock } = item;
  if (!lock) return isOpenStatus(item.status) ? "lock" : null;
  if (lock.status === "consumed") return null;
  // Refunded after shipping: the unit left (the shipment was missed between two polls).
  if (item.status === "shipped" || item.refundedAfterShipping) return "consume";
  if (lock.status === "cancelled") return null;
  if (item.status === "cancelled" || item.status === "refunded") return "release";
  return lock.quantity === item.quantity ? null : "resize";
}

/** The flag an item's lock should carry as far as its line is concerned. */
export function vanishedFlag(item: ItemLockState): LockFlag | null | undefined {
  const flag = item.lock?.flag ?? null;
  if (item.vanished && item.lock?.status === "locked") return "item_vanished";
  // Listed again: the flag goes; a released or consumed lock keeps it as history.
  if (!item.vanished && flag === "item_vanished" && item.lock?.status === "locked") return null;
  return undefined;
}
