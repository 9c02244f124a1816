// lib/stock: locks, counters, ledger, push outbox and invariants. It knows stock, not
// marketplaces; it reacts to lib/sync's order events (see handlers.ts).
export { reconcileStockOnOrderEvents, stockEventHandlers } from "./handlers";
export {
  checkStockInvariants,
  type InvariantName,
  type InvariantResult,
  invariantNames,
  type StockInvariantReport,
} from "./invariants";
export { lockActionFor } from "./lock-rules";
export {
  type ReleaseLockInput,
  type ReleaseLockResult,
  releaseLock,
  type SetOnHandInput,
  type SetOnHandResult,
  setOnHand,
} from "./manual-operations";
export { claimDuePushes, type DuePush, PUSH_CLAIM_LEASE_MS } from "./push-outbox";
export { markPushed, markPushFailed, type PushOutcome } from "./push-record";
export {
  availableQuantity,
  publishableQuantity,
  readVariationStock,
  type VariationStock,
} from "./quantities";
export { reconcileItemLocks, reconcileOrderItems } from "./reconcile-items";
export { type RepairChange, type RepairReport, repairStockCounters } from "./repair";
export { LOCK_TIMEOUT } from "./variation-locks";
export {
  mapUnmappedItems,
  type UpsertVariationsResult,
  upsertVariations,
  type VariationInput,
  variationInputSchema,
} from "./variations";
