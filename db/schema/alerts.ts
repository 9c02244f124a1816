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
import { alertKinds, alertStatuses, sqlList } from "./enums";

/**
 * One row per alert condition episode (lib/alerts): opened once when its condition becomes
 * true, resolved once when it stops. At most one open episode per (kind, subject): the partial
 * unique index holds it even with two evaluators at once. Notifications per channel are
 * tracked by the status each channel last delivered, so a failed delivery is retried by the
 * next evaluation and a delivered one is never sent twice.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: alertKinds }).notNull(),
    /** What the condition is about: a marketplace code, `code:type`, `code:sku` or a SKU. */
    subject: text("subject").notNull(),
    status: text("status", { enum: alertStatuses }).notNull().default("open"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** When a notification of this episode last reached a channel. */
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true }),
    /** What the condition saw (counts, errors, times); refreshed while open. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** The status the webhook last delivered (null: nothing yet). */
    webhookNotified: text("webhook_notified", { enum: alertStatuses }),
    /** The status the e-mail channel last delivered (null: nothing yet). */
    emailNotified: text("email_notified", { enum: alertStatuses }),
    /** Failed notification attempts since the last delivery, and the last failure. */
    notifyAttempts: integer("notify_attempts").notNull().default(0),
    notifyError: text("notify_error"),
    /** An evaluator sending this episode's notifications holds it until then. */
    notifyClaimedUntil: timestamp("notify_claimed_until", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("alerts_open_key").on(t.kind, t.subject).where(sql`${t.status} = 'open'`),
    index("alerts_status_idx").on(t.status, t.openedAt),
    check("alerts_kind_check", sql`${t.kind} in (${sql.raw(sqlList(alertKinds))})`),
    check("alerts_status_check", sql`${t.status} in (${sql.raw(sqlList(alertStatuses))})`),
    check("alerts_resolved_check", sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
  ],
);
