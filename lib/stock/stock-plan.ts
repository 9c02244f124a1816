// A StockPlan collects the lock and counter changes of one operation, computed in memory
// from counters read under the variations' row locks, so every ledger row knows the
// quantities right after it. applyStockPlan then writes everything in one statement.
import type { LockFlag, LockStatus } from "@/lib/domain/enums";
import {
  type ActiveLock,
  type ExistingLock,
  type LockUpdate,
  type MarketplaceDelta,
  type MoveInput,
  type Movement,
  marketplaceLockedDeltas,
  type NewLock,
  type PlanRefs,
  referenced,
  unreferenced,
} from "./plan-records";
import type { VariationCounters } from "./variation-locks";

export type { ActiveLock, ExistingLock, LockUpdate, Movement, NewLock, PlanRefs };

export class StockPlan {
  readonly newLocks: NewLock[] = [];
  private readonly lockUpdates = new Map<number, LockUpdate>();
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

  /**
   * A locked line's quantity changed on the marketplace while it is open: the lock follows,
   * and the ledger records the difference.
   */
  resize(lock: ActiveLock, quantity: number): void {
    if (quantity === lock.quantity) return;
    this.update(lock, "locked", { quantity });
    this.move(lock.variationId, {
      ...referenced(lock, "lock", 0, quantity - lock.quantity),
      note: `line quantity ${lock.quantity} → ${quantity}`,
    });
  }

  /**
   * The unit left stock: the lock is consumed and on_hand drops by the shipped quantity
   * (never below zero). A lock whose line changed quantity first follows it.
   */
  consume(lock: ActiveLock, shipped: number = lock.quantity): void {
    this.resize(lock, shipped);
    this.update(lock, "locked", { status: "consumed", quantity: shipped });
    this.move(lock.variationId, {
      ...referenced(lock, "consume", -this.leaving(lock.variationId, shipped), -shipped),
      note: this.shortfallNote(lock.variationId, shipped),
    });
  }

  /**
   * An item this system counted shipped after its lock had been released (by staff, or by a
   * cancellation the marketplace then took back): the units leave on_hand now, exactly once,
   * and the lock is flagged for staff. Nothing was locked any more, so locked does not move.
   */
  consumeReleased(lock: ActiveLock, shipped: number): void {
    this.update(lock, "cancelled", {
      status: "consumed",
      quantity: shipped,
      flag: "shipped_after_release",
    });
    const note = this.shortfallNote(lock.variationId, shipped);
    this.move(lock.variationId, {
      ...referenced(lock, "consume", -this.leaving(lock.variationId, shipped), 0),
      note: `shipped after its lock was released${note ? `; ${note}` : ""}`,
    });
  }

  /**
   * The units are free again (order cancelled/refunded, or released by a person). A vanished
   * line's flag goes with it: releasing is how staff settle that case.
   */
  release(lock: ActiveLock, manual?: { reason: string; actor: string }): void {
    this.update(lock, "locked", {
      status: "cancelled",
      flag: null,
      releaseReason: manual?.reason ?? null,
      releasedBy: manual?.actor ?? null,
    });
    this.move(lock.variationId, {
      ...referenced(lock, "release", 0, -lock.quantity),
      note: manual?.reason ?? null,
      actor: manual?.actor,
    });
  }

  /**
   * A repair: a consumed lock takes its item's shipped quantity, and on_hand moves by the
   * difference (never below zero).
   */
  correctConsumed(lock: ActiveLock, shipped: number): void {
    if (shipped === lock.quantity) return;
    this.update(lock, "consumed", { quantity: shipped });
    const gap = shipped - lock.quantity;
    const onHandDelta = gap > 0 ? -this.leaving(lock.variationId, gap) : -gap;
    this.move(lock.variationId, {
      ...referenced(lock, "reconcile", onHandDelta, 0),
      note: `consumed lock ${lock.quantity} → ${shipped} unit(s), as its item shipped`,
    });
  }

  /** Sets or clears a lock's flag (no stock moves). */
  flag(lock: ExistingLock, flag: LockFlag | null): void {
    if (lock.flag === flag) return;
    this.update(lock, lock.status, { flag });
  }

  /** The lock rows to write, one update per lock. */
  lockChanges(): LockUpdate[] {
    return [...this.lockUpdates.values()];
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

  /**
   * A returned unit, received and inspected, goes back on hand (as its own variation or
   * another one: a regrade). The ledger row names the order item it was sold as.
   */
  restock(
    variationId: number,
    quantity: number,
    refs: { orderItemId: number; marketplaceId: number; actor: string; note: string },
  ): void {
    this.move(variationId, {
      marketplaceId: refs.marketplaceId,
      reason: "return",
      onHandDelta: quantity,
      lockedDelta: 0,
      orderItemId: refs.orderItemId,
      lockId: null,
      newLock: false,
      note: refs.note,
      actor: refs.actor,
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
    return this.movements.length === 0 && this.lockUpdates.size === 0;
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
  marketplaceLockedDeltas(): MarketplaceDelta[] {
    return marketplaceLockedDeltas(this.movements);
  }

  /** Units that can leave on_hand now: on_hand stops at zero. */
  private leaving(variationId: number, shipped: number): number {
    return Math.min(shipped, this.counter(variationId).onHand);
  }

  private shortfallNote(variationId: number, shipped: number): string | null {
    const leaving = this.leaving(variationId, shipped);
    return leaving < shipped ? `shipped ${shipped}, only ${leaving} on hand` : null;
  }

  /** Merges a change into the lock's one update (the first call names the status read). */
  private update(
    lock: ActiveLock,
    fromStatus: LockStatus,
    change: Partial<Omit<LockUpdate, "lockId" | "fromStatus">>,
  ): void {
    const current = this.lockUpdates.get(lock.lockId) ?? {
      lockId: lock.lockId,
      fromStatus,
      status: fromStatus,
      quantity: lock.quantity,
      flag: undefined,
      releaseReason: null,
      releasedBy: null,
    };
    this.lockUpdates.set(lock.lockId, { ...current, ...change });
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
