// lib/stock: locks, counters, ledger, the listings to push (marked pending) and invariants. It
// knows stock, not marketplaces nor lib/sync: it reacts to lib/domain's order events, on the
// bus lib/runtime wires (see handlers.ts). lib/push sends the marked listings.
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
export { readVariationStock, type VariationStock } from "./quantities";
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
