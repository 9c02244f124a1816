import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { marketplaces, variations } from "./catalog";
import { itemStatuses, orderStatuses, sqlList } from "./enums";

export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    marketplaceId: integer("marketplace_id")
      .notNull()
      .references(() => marketplaces.id),
    externalId: text("external_id").notNull(),
    status: text("status", { enum: orderStatuses }).notNull(),
    /** The marketplace's raw order state code. */
    marketplaceState: text("marketplace_state").notNull(),
    currency: text("currency"),
    totalAmount: numeric("total_amount", { precision: 12, scale: 2 }),
    customerName: text("customer_name"),
    shippingCountry: text("shipping_country"),
    labelUrl: text("label_url"),
    deliveryNoteUrl: text("delivery_note_url"),
    trackingNumber: text("tracking_number"),
    orderedAt: timestamp("ordered_at", { withTimezone: true }).notNull(),
    modifiedAt: timestamp("modified_at", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("orders_marketplace_external_key").on(t.marketplaceId, t.externalId),
    index("orders_ordered_at_idx").on(t.orderedAt),
    index("orders_status_idx").on(t.status, t.orderedAt),
    // Not led by marketplace_id: lookups by (marketplace_id, external_id) must find only the
    // unique key (or the external id index) there, whatever plan a stale statistic picks.
    index("orders_modified_idx").on(t.modifiedAt),
    // Dashboard search: order ids and customer names by prefix, whatever the collation.
    index("orders_external_id_prefix_idx").on(t.externalId.op("text_pattern_ops")),
    index("orders_customer_prefix_idx").on(sql`lower(${t.customerName}) text_pattern_ops`),
    check("orders_status_check", sql`${t.status} in (${sql.raw(sqlList(orderStatuses))})`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    /** Null while the SKU maps to no variation ("unmapped"). */
    variationId: integer("variation_id").references(() => variations.id),
    sku: text("sku").notNull(),
    name: text("name"),
    quantity: integer("quantity").notNull(),
    unitPrice: numeric("unit_price", { precision: 12, scale: 2 }),
    status: text("status", { enum: itemStatuses }).notNull(),
    marketplaceState: text("marketplace_state").notNull(),
    careId: text("care_id"),
    /** When the marketplace's order stopped listing this line (null: it is listed). */
    vanishedAt: timestamp("vanished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("order_items_order_external_key").on(t.orderId, t.externalId),
    index("order_items_variation_idx").on(t.variationId),
    index("order_items_unmapped_sku_idx").on(t.sku).where(sql`${t.variationId} is null`),
    // Unmapped open lines by status: counted on the overview, /v2/stock-locks and each minute's
    // alert evaluation, from the index alone.
    index("order_items_unmapped_status_idx")
      .on(t.status, t.sku)
      .where(sql`${t.variationId} is null`),
    check("order_items_quantity_check", sql`${t.quantity} > 0`),
    check("order_items_status_check", sql`${t.status} in (${sql.raw(sqlList(itemStatuses))})`),
  ],
);
