// Status vocabularies: the single source for the database checks (db/schema/enums.ts), zod
// schemas and UI filters. Part of lib/domain: imports nothing of ours.

export const providers = ["backmarket", "refurbed", "shopify", "simulator"] as const;
export type Provider = (typeof providers)[number];

/** How the `new` sync accepts paid lines on a marketplace. */
export const acceptPolicies = ["when_in_stock", "always", "never"] as const;
export type AcceptPolicy = (typeof acceptPolicies)[number];

/** Normalised order-item status (the raw marketplace code is kept beside it). */
export const itemStatuses = [
  "pending",
  "new",
  "accepted",
  "shipped",
  "cancelled",
  "refunded",
] as const;
export type ItemStatus = (typeof itemStatuses)[number];
/** Statuses whose units are still waiting to leave stock: they hold an active lock. */
export const openItemStatuses = [
  "pending",
  "new",
  "accepted",
] as const satisfies readonly ItemStatus[];

/** An order's status is derived from its items; `partial` marks mixed final states. */
export const orderStatuses = [...itemStatuses, "partial"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const lockStatuses = ["locked", "consumed", "cancelled"] as const;
export type LockStatus = (typeof lockStatuses)[number];

/**
 * Why a lock needs a person's look: its line vanished from the marketplace order while it
 * held units, or its item shipped after the lock had been released (the units left anyway).
 */
export const lockFlags = ["item_vanished", "shipped_after_release"] as const;
export type LockFlag = (typeof lockFlags)[number];
/** How staff read a lock's flag (badges, filters). */
export const lockFlagNames: Record<LockFlag, string> = {
  item_vanished: "line vanished",
  shipped_after_release: "shipped after release",
};

/** `return`: units of a returned, inspected unit put back on hand by staff (stock_returns). */
export const movementReasons = [
  "lock",
  "consume",
  "release",
  "manual",
  "reconcile",
  "return",
] as const;
export type MovementReason = (typeof movementReasons)[number];

/** How one push attempt ended (stock_pushes.status). */
export const pushStatuses = ["sent", "failed", "superseded"] as const;
export type PushStatus = (typeof pushStatuses)[number];

export const syncTypes = ["new", "modified", "care", "incomplete", "all", "stock"] as const;
export type SyncType = (typeof syncTypes)[number];

export const syncTriggers = ["cron", "cli", "button", "queue", "webhook"] as const;
export type SyncTrigger = (typeof syncTriggers)[number];

export const syncStatuses = ["running", "succeeded", "partial", "failed", "skipped"] as const;
export type SyncStatus = (typeof syncStatuses)[number];

/** What an alert episode is about (alerts.kind; DESIGN "Data model"). */
export const alertKinds = [
  "push_failing",
  "sync_failing",
  "oversold",
  "drift",
  "stale_lock",
  "unmapped_sku",
  "marketplace_silent",
] as const;
export type AlertKind = (typeof alertKinds)[number];
/** How people read an alert's kind (notifications, the overview). */
export const alertKindNames: Record<AlertKind, string> = {
  push_failing: "Pushes failing",
  sync_failing: "Sync failing",
  oversold: "Oversold",
  drift: "Stock drift",
  stale_lock: "Stale locks",
  unmapped_sku: "Unmapped SKU",
  marketplace_silent: "Marketplace silent",
};

/** An alert episode is open while its condition holds, then resolved (once). */
export const alertStatuses = ["open", "resolved"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** How the handling of one received webhook delivery ended (webhook_deliveries.status). */
export const webhookDeliveryStatuses = ["received", "processed", "skipped", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];
