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
} from "drizzle-orm/pg-core";
import { marketplaces } from "./catalog";
import { sqlList, syncStatuses, syncTriggers, syncTypes } from "./enums";

export type SyncRunError = { orderId?: string; message: string; path?: string };
export type SyncRunProgress = { phase: string; done: number; total: number | null };

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: serial("id").primaryKey(),
    type: text("type", { enum: syncTypes }).notNull(),
    marketplaceId: integer("marketplace_id").references(() => marketplaces.id),
    trigger: text("trigger", { enum: syncTriggers }).notNull(),
    status: text("status", { enum: syncStatuses }).notNull().default("running"),
    fetched: integer("fetched").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    events: integer("events").notNull().default(0),
    locks: integer("locks").notNull().default(0),
    accepted: integer("accepted").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    errorDetails: jsonb("error_details").$type<SyncRunError[]>().notNull().default([]),
    progress: jsonb("progress").$type<SyncRunProgress>(),
    /** Why the run failed or was skipped, in words. */
    message: text("message"),
    /** For `modified`: the newest modification date seen, the next run's starting point. */
    highWaterMark: timestamp("high_water_mark", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /**
     * The fast `new` poll (lib/sync/poll-new.ts): polls that found nothing since this run,
     * folded into its row instead of one row each, and when the latest of them answered.
     */
    emptyPolls: integer("empty_polls").notNull().default(0),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
  },
  (t) => [
    index("sync_runs_marketplace_type_idx").on(t.marketplaceId, t.type, t.startedAt),
    index("sync_runs_started_idx").on(t.startedAt),
    check("sync_runs_type_check", sql`${t.type} in (${sql.raw(sqlList(syncTypes))})`),
    check("sync_runs_trigger_check", sql`${t.trigger} in (${sql.raw(sqlList(syncTriggers))})`),
    check("sync_runs_status_check", sql`${t.status} in (${sql.raw(sqlList(syncStatuses))})`),
  ],
);
