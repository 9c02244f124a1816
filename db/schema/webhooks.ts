import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { marketplaces } from "./catalog";
import { sqlList, webhookDeliveryStatuses } from "./enums";

/**
 * One row per webhook delivery a marketplace sent (Shopify: at least once, sometimes twice at
 * the same moment). The unique keys make the second copy of a delivery (same webhook id) or
 * of an event (same topic and event id, e.g. two subscriptions) a no-op insert, so each is processed
 * once. Only what processing needs is kept (ids and dates, no customer data); rows are pruned
 * after a week, well past Shopify's 4-hour retry window.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    marketplaceId: integer("marketplace_id")
      .notNull()
      .references(() => marketplaces.id, { onDelete: "cascade" }),
    /** X-Shopify-Webhook-Id. */
    deliveryId: text("delivery_id").notNull(),
    /** X-Shopify-Event-Id (null when absent). */
    eventId: text("event_id"),
    topic: text("topic").notNull(),
    /** X-Shopify-Triggered-At: when the event fired (retries keep it). */
    triggeredAt: timestamp("triggered_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    status: text("status", { enum: webhookDeliveryStatuses }).notNull().default("received"),
    /** What processing did or why it failed, in words. */
    result: text("result"),
    /** The payload's references (order id and updated_at, or the inventory level). */
    subject: jsonb("subject").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_delivery_key").on(t.marketplaceId, t.deliveryId),
    uniqueIndex("webhook_deliveries_event_key")
      .on(t.marketplaceId, t.topic, t.eventId)
      .where(sql`${t.eventId} is not null`),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
    check(
      "webhook_deliveries_status_check",
      sql`${t.status} in (${sql.raw(sqlList(webhookDeliveryStatuses))})`,
    ),
  ],
);
