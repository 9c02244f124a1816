// A StockPlan collects the lock and counter changes of one operation, computed in memory
// from counters read under the variations' row locks, so every ledger row knows the
// quantities right after it. applyStockPlan then writes everything in one statement.
import type { MovementReason } from "@/db/schema/enums";
import type { VariationCounters } from "./variation-locks";

export interface NewLock {
  orderItemId: number;
  orderId: number;
  marketplaceId: number;
  variationId: number;
  quantity: number;
}

export interface ActiveLock {
  lockId: number;
  orderItemId: number;
  marketplaceId: number;
  variationId: number;
  quantity: number;
}

export interface LockTransition {
  lockId: number;
  status: "consumed" | "cancelled";
  releaseReason: string | null;
  releasedBy: string | null;
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
type MoveInput = Pick<
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

export class StockPlan {
  readonly newLocks: NewLock[] = [];
  readonly transitions: LockTransition[] = [];
  readonly movements: Movement[] = [];
  /** Counters before the plan, per variation touched (for the push outbox). */
  private readonly before = new Map<number, VariationCounters>();

  constructor(
    /** Counters read under row lock; the plan keeps them current as it goes. */
    private readonly counters: Map<number, VariationCounters>,
    readonly refs: PlanRefs = {},
  ) {}

  /** Whether this plan holds the row lock (and so may change) the variation. */
  holds(variationId: number): boolean {
    return this.counters.has(variationId);
  }

  available(variationId: number): number {
    const counters = this.counter(variationId);
    return counters.onHand - counters.locked;
  }

  lock(lock: NewLock, note: string | null = null): void {
    this.newLocks.push(lock);
    this.move(lock.variationId, {
      marketplaceId: lock.marketplaceId,
      reason: "lock",
      onHandDelta: 0,
      lockedDelta: lock.quantity,
      orderItemId: lock.orderItemId,
      lockId: null,
      newLock: true,
      note,
    });
  }

  /** The unit left stock: the lock is consumed and on_hand drops (never below zero). */
  consume(lock: ActiveLock): void {
    const counters = this.counter(lock.variationId);
    const leaving = Math.min(lock.quantity, counters.onHand);
    this.transitions.push({
      lockId: lock.lockId,
      status: "consumed",
      releaseReason: null,
      releasedBy: null,
    });
    this.move(lock.variationId, {
      marketplaceId: lock.marketplaceId,
      reason: "consume",
      onHandDelta: -leaving,
      lockedDelta: -lock.quantity,
      orderItemId: lock.orderItemId,
      lockId: lock.lockId,
      newLock: false,
      // Shipping more than was counted on hand: on_hand stops at zero and says so.
      note: leaving < lock.quantity ? `shipped ${lock.quantity}, only ${leaving} on hand` : null,
    });
  }

  /** The units are free again (order cancelled/refunded, or released by a person). */
  release(lock: ActiveLock, manual?: { reason: string; actor: string }): void {
    this.transitions.push({
      lockId: lock.lockId,
      status: "cancelled",
      releaseReason: manual?.reason ?? null,
      releasedBy: manual?.actor ?? null,
    });
    this.move(lock.variationId, {
      marketplaceId: lock.marketplaceId,
      reason: "release",
      onHandDelta: 0,
      lockedDelta: -lock.quantity,
      orderItemId: lock.orderItemId,
      lockId: lock.lockId,
      newLock: false,
      note: manual?.reason ?? null,
      actor: manual?.actor,
    });
  }

  /** A person or an import changed the physical count (or a repair corrected it). */
  adjustOnHand(
    variationId: number,
    onHandDelta: number,
    options: { reason: "manual" | "reconcile"; note?: string | null; actor?: string },
  ): void {
    if (onHandDelta === 0) return;
    this.move(variationId, {
      ...unreferenced(options.reason, onHandDelta, 0, options.note ?? null),
      actor: options.actor,
    });
  }

  /** A repair of a locked counter (no lock row changes). */
  adjustLocked(
    variationId: number,
    marketplaceId: number | null,
    lockedDelta: number,
    note: string,
  ): void {
    if (lockedDelta === 0) return;
    this.move(variationId, { ...unreferenced("reconcile", 0, lockedDelta, note), marketplaceId });
  }

  /**
   * A ledger row that brings the ledger's sums back to the counters (a repair after someone
   * changed a counter outside these functions); the counters themselves do not move.
   */
  correctLedger(variationId: number, onHandDelta: number, lockedDelta: number, note: string): void {
    if (onHandDelta === 0 && lockedDelta === 0) return;
    this.record(variationId, unreferenced("reconcile", onHandDelta, lockedDelta, note), true);
  }

  /**
   * The first count of a variation inserted with it (by a bulk insert): the ledger row
   * records it, the counters already hold it.
   */
  recordInitialCount(variationId: number, note: string | null): void {
    const { onHand } = this.counter(variationId);
    if (onHand === 0) return;
    this.record(variationId, unreferenced("manual", onHand, 0, note), true);
  }

  isEmpty(): boolean {
    return this.movements.length === 0 && this.transitions.length === 0;
  }

  /** Per variation: the summed deltas and the available quantity before and after. */
  variationChanges(): {
    variationId: number;
    onHandDelta: number;
    lockedDelta: number;
    availableBefore: number;
    availableAfter: number;
  }[] {
    return [...this.before.values()].map((before) => {
      const after = this.counter(before.id);
      return {
        variationId: before.id,
        onHandDelta: after.onHand - before.onHand,
        lockedDelta: after.locked - before.locked,
        availableBefore: before.onHand - before.locked,
        availableAfter: after.onHand - after.locked,
      };
    });
  }

  /** Per (marketplace, variation): the change of that marketplace's locked units. */
  marketplaceLockedDeltas(): { marketplaceId: number; variationId: number; delta: number }[] {
    const sums = new Map<
      number,
      Map<number, { marketplaceId: number; variationId: number; delta: number }>
    >();
    for (const movement of this.movements) {
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
    const deltas: { marketplaceId: number; variationId: number; delta: number }[] = [];
    for (const byVariation of sums.values()) {
      for (const entry of byVariation.values()) if (entry.delta !== 0) deltas.push(entry);
    }
    return deltas;
  }

  private counter(variationId: number): VariationCounters {
    const counters = this.counters.get(variationId);
    if (!counters) {
      throw new Error(`variation ${variationId} is not locked by this stock plan`);
    }
    return counters;
  }

  private move(variationId: number, change: MoveInput): void {
    const counters = this.counter(variationId);
    if (!this.before.has(variationId)) {
      this.before.set(variationId, {
        id: counters.id,
        onHand: counters.onHand,
        locked: counters.locked,
      });
    }
    counters.onHand += change.onHandDelta;
    counters.locked += change.lockedDelta;
    this.record(variationId, change, false);
  }

  /** Appends a ledger movement with the variation's counters as they are now. */
  private record(variationId: number, change: MoveInput, isLedgerOnly: boolean): void {
    const counters = this.counter(variationId);
    // Every field written, always in this order: one object shape for all movements (a
    // bulk sync makes one per line).
    this.movements.push({
      variationId,
      marketplaceId: change.marketplaceId,
      reason: change.reason,
      onHandDelta: change.onHandDelta,
      lockedDelta: change.lockedDelta,
      onHandAfter: counters.onHand,
      lockedAfter: counters.locked,
      orderItemId: change.orderItemId,
      lockId: change.lockId,
      newLock: change.newLock,
      actor: change.actor ?? this.refs.actor ?? null,
      note: change.note,
      ledgerOnly: isLedgerOnly,
    });
  }
}

/** A change that names no marketplace, item or lock (counts, repairs, corrections). */
function unreferenced(
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
