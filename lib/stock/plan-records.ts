// The records a StockPlan is made of: new locks, changes of existing locks, ledger movements,
// and how the movements add up per marketplace listing.
import type { LockFlag, LockStatus, MovementReason } from "@/lib/domain/enums";

export interface NewLock {
  orderItemId: number;
  orderId: number;
  marketplaceId: number;
  variationId: number;
  quantity: number;
  /** A line that is already gone from its order when it gets its lock says so at once. */
  flag?: LockFlag | null;
}

export interface ActiveLock {
  lockId: number;
  orderItemId: number;
  marketplaceId: number;
  variationId: number;
  quantity: number;
}

/** What one plan does to an existing lock row (one update per lock, whatever it combines). */
export interface LockUpdate {
  lockId: number;
  /** The status the plan read; the write applies only if the row still has it. */
  fromStatus: LockStatus;
  status: LockStatus;
  quantity: number;
  /** Undefined: the lock keeps the flag it has. */
  flag: LockFlag | null | undefined;
  releaseReason: string | null;
  releasedBy: string | null;
}

/** A lock as the plan found it, with the item's current quantity beside it. */
export interface ExistingLock extends ActiveLock {
  status: LockStatus;
  flag: LockFlag | null;
}

export interface Movement {
  variationId: number;
  marketplaceId: number | null;
  reason: MovementReason;
  onHandDelta: number;
  lockedDelta: number;
  onHandAfter: number;
  lockedAfter: number;
  orderItemId: number | null;
  /** Set for changes of existing locks; a new lock's id is filled in by the insert. */
  lockId: number | null;
  newLock: boolean;
  actor: string | null;
  note: string | null;
  /** A ledger correction: recorded, but the counters do not move. */
  ledgerOnly: boolean;
}

/** What a counter-moving change says; the plan adds the variation and the quantities after. */
export type MoveInput = Pick<
  Movement,
  | "marketplaceId"
  | "reason"
  | "onHandDelta"
  | "lockedDelta"
  | "orderItemId"
  | "lockId"
  | "newLock"
  | "note"
> & { actor?: string };

export interface PlanRefs {
  syncRunId?: number;
  actor?: string;
}

export interface MarketplaceDelta {
  marketplaceId: number;
  variationId: number;
  delta: number;
}

/** Per (marketplace, variation): the change of that marketplace's locked units. */
export function marketplaceLockedDeltas(movements: readonly Movement[]): MarketplaceDelta[] {
  const sums = new Map<number, Map<number, MarketplaceDelta>>();
  for (const movement of movements) {
    if (movement.marketplaceId === null || movement.lockedDelta === 0) continue;
    if (movement.ledgerOnly) continue;
    let byVariation = sums.get(movement.marketplaceId);
    if (!byVariation) {
      byVariation = new Map();
      sums.set(movement.marketplaceId, byVariation);
    }
    const entry = byVariation.get(movement.variationId);
    if (entry) entry.delta += movement.lockedDelta;
    else {
      byVariation.set(movement.variationId, {
        marketplaceId: movement.marketplaceId,
        variationId: movement.variationId,
        delta: movement.lockedDelta,
      });
    }
  }
  const deltas: MarketplaceDelta[] = [];
  for (const byVariation of sums.values()) {
    for (const entry of byVariation.values()) if (entry.delta !== 0) deltas.push(entry);
  }
  return deltas;
}

/** A change of one lock's units. */
export function referenced(
  lock: ActiveLock,
  reason: MovementReason,
  onHandDelta: number,
  lockedDelta: number,
): MoveInput {
  return {
    marketplaceId: lock.marketplaceId,
    reason,
    onHandDelta,
    lockedDelta,
    orderItemId: lock.orderItemId,
    lockId: lock.lockId,
    newLock: false,
    note: null,
  };
}

/** A change that names no marketplace, item or lock (counts, repairs, corrections). */
export function unreferenced(
  reason: MovementReason,
  onHandDelta: number,
  lockedDelta: number,
  note: string | null,
): MoveInput {
  return {
    marketplaceId: null,
    reason,
    onHandDelta,
    lockedDelta,
    orderItemId: null,
    lockId: null,
    newLock: false,
    note,
  };
}
