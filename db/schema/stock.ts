import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { marketplaces, variations } from "./catalog";
import { lockFlags, lockStatuses, movementReasons, pushStatuses, sqlList } from "./enums";
import { orderItems, orders } from "./orders";

export const marketplaceStockLocks = pgTable(
  "marketplace_stock_locks",
  {
    id: serial("id").primaryKey(),
    orderItemId: integer("order_item_id")
      .notNull()
      .unique("marketplace_stock_locks_order_item_key")
      .references(() => orderItems.id),
    // Copies of the item's order and marketplace, for the dashboard's filters. The item's
    // foreign key already proves they exist; stock:check (locks_follow_items) proves they
    // match the item. A foreign key of their own would cost two more checks per new lock.
    orderId: integer("order_id").notNull(),
    marketplaceId: integer("marketplace_id").notNull(),
    variationId: integer("variation_id")
      .notNull()
      .references(() => variations.id),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: lockStatuses }).notNull().default("locked"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    /** Why a lock was released by hand, and by whom. */
    releaseReason: text("release_reason"),
    releasedBy: text("released_by"),
    /** Set when staff must look at this lock (see lockFlags); null: nothing to look at. */
    flag: text("flag", { enum: lockFlags }),
  },
  (t) => [
    index("locks_variation_status_idx").on(t.variationId, t.status),
    index("locks_marketplace_status_idx").on(t.marketplaceId, t.status, t.createdAt),
    // quantity rides along so the dashboard's counts and unit totals are index-only scans.
    index("locks_status_created_quantity_idx").on(t.status, t.createdAt, t.quantity),
    index("locks_created_quantity_idx").on(t.createdAt, t.quantity),
    index("locks_quantity_idx").on(t.quantity, t.id),
    index("locks_order_idx").on(t.orderId),
    index("locks_flag_idx").on(t.flag, t.status).where(sql`${t.flag} is not null`),
    check("locks_flag_check", sql`${t.flag} in (${sql.raw(sqlList(lockFlags))})`),
    check("locks_quantity_check", sql`${t.quantity} > 0`),
    check("locks_status_check", sql`${t.status} in (${sql.raw(sqlList(lockStatuses))})`),
    check(
      "locks_consumed_at_check",
      sql`(${t.status} = 'consumed') = (${t.consumedAt} is not null)`,
    ),
    check(
      "locks_released_at_check",
      sql`(${t.status} = 'cancelled') = (${t.releasedAt} is not null)`,
    ),
  ],
);

/**
 * Lock count and units per (marketplace, status), kept as net changes: statement triggers on
 * marketplace_stock_locks (migration lock_totals) append one row per group a statement changed, in
 * that statement's transaction, so the sums are exact at every snapshot and writers never wait
 * on each other (rows are only appended). Readers sum the rows instead of scanning a million
 * locks; compactLockTotals folds them back to one row per group. stock:check proves the sums.
 */
export const lockTotals = pgTable(
  "lock_totals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    marketplaceId: integer("marketplace_id").notNull(),
    status: text("status", { enum: lockStatuses }).notNull(),
    locks: bigint("locks", { mode: "number" }).notNull(),
    units: bigint("units", { mode: "number" }).notNull(),
  },
  (t) => [index("lock_totals_group_idx").on(t.marketplaceId, t.status)],
);

/**
 * Append-only ledger: every change of on_hand or of locked units. Only its variation is a
 * foreign key (the ledger replays per variation). The marketplace, order item, lock and sync
 * run it names are references for the reader: every lock change appends a row here, a foreign
 * key check per reference per row was a third of the stock write, and stock:check
 * (ledger_references) proves they exist and agree with the lock.
 */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    variationId: integer("variation_id")
      .notNull()
      .references(() => variations.id),
    marketplaceId: integer("marketplace_id"),
    reason: text("reason", { enum: movementReasons }).notNull(),
    onHandDelta: integer("on_hand_delta").notNull().default(0),
    lockedDelta: integer("locked_delta").notNull().default(0),
    /** The variation's on_hand and total locked units right after this movement. */
    onHandAfter: integer("on_hand_after").notNull(),
    lockedAfter: integer("locked_after").notNull(),
    orderItemId: integer("order_item_id"),
    lockId: integer("lock_id"),
    syncRunId: integer("sync_run_id"),
    actor: text("actor"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stock_movements_variation_idx").on(t.variationId, t.id),
    index("stock_movements_order_item_idx").on(t.orderItemId),
    // Only the indexes something reads (the order timeline, per-variation replay): every
    // lock change appends here, and each index costs that append.
    check(
      "stock_movements_reason_check",
      sql`${t.reason} in (${sql.raw(sqlList(movementReasons))})`,
    ),
  ],
);

export const domainEvents = pgTable(
  "domain_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    /** Denormalised for the order timeline. */
    orderId: integer("order_id").references(() => orders.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("domain_events_order_idx").on(t.orderId, t.id)],
);

/**
 * Every push attempt to a marketplace (kept 90 days, see lib/push/ledger.ts): the quantity
 * sent and how it ended. sent: the marketplace took it · failed: it did not (error, HTTP
 * status when the marketplace answered) · superseded: it was sent, but the quantity was no
 * longer publishable when recorded, or the drain had lost its claim (the listing is due again).
 */
export const stockPushes = pgTable(
  "stock_pushes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    marketplaceId: integer("marketplace_id")
      .notNull()
      .references(() => marketplaces.id),
    variationId: integer("variation_id")
      .notNull()
      .references(() => variations.id),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: pushStatuses }).notNull(),
    httpStatus: integer("http_status"),
    error: text("error"),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer("duration_ms"),
  },
  (t) => [
    index("stock_pushes_listing_idx").on(t.marketplaceId, t.variationId, t.attemptedAt.desc()),
    index("stock_pushes_attempted_at_idx").on(t.attemptedAt),
    check("stock_pushes_status_check", sql`${t.status} in (${sql.raw(sqlList(pushStatuses))})`),
  ],
);
