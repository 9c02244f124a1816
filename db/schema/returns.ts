import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
// Relative: drizzle-kit loads the schema without the "@/" path alias.
import { returnSources, returnStatuses } from "../../lib/domain/returns";
import { marketplaces, variations } from "./catalog";
import { sqlList } from "./enums";
import { orderItems, orders } from "./orders";

/**
 * A sold, shipped unit coming back (DESIGN "Stock rules"). A return never changes stock by
 * itself: on_hand grows only when staff restock a received return (ledger reason `return`).
 * The status moves only forward, by one conditional UPDATE each (restocking twice is
 * impossible): expected → received → restocked | written_off, or expected → written_off.
 */
export const stockReturns = pgTable(
  "stock_returns",
  {
    id: serial("id").primaryKey(),
    orderItemId: integer("order_item_id")
      .notNull()
      .references(() => orderItems.id),
    // Copies of the item's order and marketplace for the list's filters (checked by stock:check).
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    marketplaceId: integer("marketplace_id")
      .notNull()
      .references(() => marketplaces.id),
    /** The item's variation when the return was created (null: the line was unmapped). */
    variationId: integer("variation_id").references(() => variations.id),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: returnStatuses }).notNull().default("expected"),
    source: text("source", { enum: returnSources }).notNull(),
    /** The marketplace's id of the signal (care folder, return id); null for refunds and staff. */
    externalId: text("external_id"),
    /** What the signal said (state, reason) or the staff member's note. */
    note: text("note"),
    restockedVariationId: integer("restocked_variation_id").references(() => variations.id),
    writeOffReason: text("write_off_reason"),
    createdBy: text("created_by"),
    receivedAt: timestamp("received_at", { withTimezone: true }),
    receivedBy: text("received_by"),
    resolvedBy: text("resolved_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // One marketplace signal, one return, however often it is seen again.
    uniqueIndex("stock_returns_signal_key")
      .on(t.orderItemId, t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index("stock_returns_order_item_idx").on(t.orderItemId),
    index("stock_returns_status_created_idx").on(t.status, t.createdAt),
    index("stock_returns_marketplace_idx").on(t.marketplaceId, t.createdAt),
    check("stock_returns_quantity_check", sql`${t.quantity} > 0`),
    check("stock_returns_status_check", sql`${t.status} in (${sql.raw(sqlList(returnStatuses))})`),
    check("stock_returns_source_check", sql`${t.source} in (${sql.raw(sqlList(returnSources))})`),
    check(
      "stock_returns_received_check",
      sql`(${t.status} = 'expected') = (${t.receivedAt} is null) or ${t.status} = 'written_off'`,
    ),
    check(
      "stock_returns_resolved_check",
      sql`(${t.status} in ('restocked', 'written_off')) = (${t.resolvedAt} is not null)`,
    ),
    check(
      "stock_returns_restocked_check",
      sql`(${t.status} = 'restocked') = (${t.restockedVariationId} is not null)`,
    ),
    check(
      "stock_returns_write_off_check",
      sql`(${t.status} = 'written_off') = (${t.writeOffReason} is not null)`,
    ),
  ],
);
