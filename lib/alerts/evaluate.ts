// evaluateAlerts: conditions → episodes → notifications (DESIGN "lib/alerts").
// - A condition that holds and has no open episode opens one; the partial unique index
//   alerts_open_key makes "opened once" hold with any number of evaluators at once.
// - An open episode whose condition no longer holds is resolved (once: only an open row is).
// - Every channel is told of each episode's opening and its resolution exactly once: a row is
//   claimed (notify_claimed_until) before sending, and each channel remembers the status it
//   last delivered. A failed channel is logged and retried by the next evaluation; nothing
//   here throws into a caller's sync.
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import type { AlertKind, AlertStatus } from "@/lib/domain/enums";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import {
  type AlertCondition,
  type AlertThresholds,
  currentConditions,
  type SyncInterval,
} from "./conditions";
import { type AlertChannel, type AlertMessage, emailChannel, webhookChannel } from "./notify";

export interface EvaluateOptions {
  thresholds?: Partial<AlertThresholds>;
  /** The schedule's (type, period) pairs, for sync_failing. */
  syncIntervals?: readonly SyncInterval[];
  /** Channels to notify; default: those the environment configures. */
  channels?: readonly AlertChannel[];
  /** A claimed row is another evaluator's for this long (then it may be retried). */
  claimSeconds?: number;
}

export interface OpenAlert {
  id: number;
  kind: AlertKind;
  subject: string;
  openedAt: string;
  details: Record<string, unknown>;
}

export interface EvaluateReport {
  opened: { kind: AlertKind; subject: string }[];
  resolved: { kind: AlertKind; subject: string }[];
  open: OpenAlert[];
  notifications: { sent: number; failed: number };
}

/** The thresholds of lib/env.ts (see the variables for their defaults). */
export function thresholdsFromEnv(): AlertThresholds {
  const e = env();
  return {
    pushFailingMinutes: e.ALERT_PUSH_FAILING_MINUTES,
    syncFailedRuns: e.ALERT_SYNC_FAILED_RUNS,
    syncSilentIntervals: e.ALERT_SYNC_SILENT_INTERVALS,
    marketplaceSilentMinutes: e.ALERT_MARKETPLACE_SILENT_MINUTES,
    driftGraceMinutes: e.ALERT_DRIFT_GRACE_MINUTES,
    staleLockDays: e.STALE_LOCK_DAYS,
  };
}

/** The channels the environment configures (none when unset). */
export function channelsFromEnv(): AlertChannel[] {
  const e = env();
  const channels: AlertChannel[] = [];
  if (e.ALERT_WEBHOOK_URL) {
    channels.push(webhookChannel(e.ALERT_WEBHOOK_URL, e.ALERT_NOTIFY_TIMEOUT_MS));
  }
  if (e.SMTP_URL && e.ALERT_EMAIL_TO) {
    channels.push(
      emailChannel({
        smtpUrl: e.SMTP_URL,
        to: e.ALERT_EMAIL_TO,
        from: e.ALERT_EMAIL_FROM,
        timeoutMs: e.ALERT_NOTIFY_TIMEOUT_MS,
      }),
    );
  }
  return channels;
}

type AlertRow = {
  id: number;
  kind: AlertKind;
  subject: string;
  status: AlertStatus;
  opened_at: string | Date;
  resolved_at: string | Date | null;
  details: Record<string, unknown>;
  webhook_notified: AlertStatus | null;
  email_notified: AlertStatus | null;
};

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Evaluates every condition, opens and resolves episodes, sends what is due. */
export async function evaluateAlerts(
  db: Database,
  options: EvaluateOptions = {},
): Promise<EvaluateReport> {
  const thresholds = { ...thresholdsFromEnv(), ...options.thresholds };
  const conditions = await currentConditions(db, thresholds, options.syncIntervals ?? []);
  const { opened, resolved } = await applyConditions(db, conditions);
  for (const a of opened) logger.warn({ alert: a.kind, subject: a.subject }, "alert opened");
  for (const a of resolved) logger.info({ alert: a.kind, subject: a.subject }, "alert resolved");
  const notifications = await sendNotifications(
    db,
    options.channels ?? channelsFromEnv(),
    options.claimSeconds ?? 120,
  );
  return { opened, resolved, open: await listOpenAlerts(db), notifications };
}

async function applyConditions(db: Database, conditions: AlertCondition[]) {
  const payload = JSON.stringify(conditions);
  // One statement: open the new episodes, refresh the details of the open ones, resolve the
  // rest. A concurrent evaluator's insert of the same (kind, subject) meets the partial
  // unique index and does nothing.
  const opened = await queryRows<{ kind: AlertKind; subject: string }>(
    db,
    sql`
      with cur as (
        select * from jsonb_to_recordset(${payload}::jsonb)
          as c(kind text, subject text, details jsonb)
      )
      insert into alerts (kind, subject, details)
      select kind, subject, coalesce(details, '{}'::jsonb) from cur
      on conflict (kind, subject) where status = 'open'
        do update set details = excluded.details where alerts.details <> excluded.details
      returning kind, subject, (xmax = 0) as inserted`,
  ).then((rows) =>
    rows
      .filter((r) => (r as { inserted?: boolean }).inserted)
      .map(({ kind, subject }) => ({ kind, subject })),
  );
  const resolved = await queryRows<{ kind: AlertKind; subject: string }>(
    db,
    sql`
      update alerts set status = 'resolved', resolved_at = now()
      where status = 'open'
        and not exists (
          select 1 from jsonb_to_recordset(${payload}::jsonb) as c(kind text, subject text)
          where c.kind = alerts.kind and c.subject = alerts.subject)
      returning kind, subject`,
  );
  return { opened, resolved };
}

/**
 * Sends each channel what it has not delivered yet (episodes open, or resolved within a day:
 * a channel configured later does not replay history). Never throws.
 */
async function sendNotifications(
  db: Database,
  channels: readonly AlertChannel[],
  claimSeconds: number,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  if (channels.length === 0) return result;
  const pendingOn = channels.map((c) =>
    c.name === "webhook"
      ? sql`webhook_notified is distinct from status`
      : sql`email_notified is distinct from status`,
  );
  let claimed: AlertRow[];
  try {
    claimed = await queryRows<AlertRow>(
      db,
      sql`
        update alerts set notify_claimed_until = now() + make_interval(secs => ${claimSeconds}::int)
        where id in (
          select id from alerts
          where (status = 'open' or resolved_at > now() - interval '1 day')
            and (${sql.join(pendingOn, sql` or `)})
            and (notify_claimed_until is null or notify_claimed_until < now())
          order by id limit 100
          for update skip locked)
        returning id, kind, subject, status, opened_at, resolved_at, details,
          webhook_notified, email_notified`,
    );
  } catch (error) {
    logger.error({ err: error }, "alert notifications: claiming failed");
    return result;
  }
  for (const row of claimed) {
    const message: AlertMessage = {
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      status: row.status,
      openedAt: iso(row.opened_at) ?? "",
      resolvedAt: iso(row.resolved_at),
      details: row.details ?? {},
    };
    const delivered: AlertChannel["name"][] = [];
    const errors: string[] = [];
    for (const channel of channels) {
      const already = channel.name === "webhook" ? row.webhook_notified : row.email_notified;
      if (already === row.status) continue;
      try {
        await channel.send(message);
        delivered.push(channel.name);
        result.sent++;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        errors.push(`${channel.name}: ${text}`.slice(0, 300));
        result.failed++;
        logger.warn(
          { alert: row.kind, subject: row.subject, channel: channel.name },
          `alert notification failed (retried at the next evaluation): ${text}`,
        );
      }
    }
    try {
      await db.execute(sql`
        update alerts set
          webhook_notified = case when ${delivered.includes("webhook")} then ${row.status}
            else webhook_notified end,
          email_notified = case when ${delivered.includes("email")} then ${row.status}
            else email_notified end,
          last_notified_at = case when ${delivered.length > 0} then now()
            else last_notified_at end,
          notify_attempts = case when ${errors.length > 0} then notify_attempts + 1 else 0 end,
          notify_error = ${errors.length > 0 ? errors.join("; ") : null},
          notify_claimed_until = null
        where id = ${row.id}`);
    } catch (error) {
      logger.error({ err: error, alertId: row.id }, "alert notifications: recording failed");
    }
  }
  return result;
}

/** Every open episode, oldest first. */
export async function listOpenAlerts(db: Database): Promise<OpenAlert[]> {
  const rows = await queryRows<AlertRow>(
    db,
    sql`select id, kind, subject, opened_at, details from alerts
        where status = 'open' order by opened_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    openedAt: iso(r.opened_at) ?? "",
    details: r.details ?? {},
  }));
}
