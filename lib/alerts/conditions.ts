// The alert conditions (DESIGN "lib/alerts"): each is one SQL query returning the subjects for
// which it holds right now, with what it saw. evaluate.ts turns the set into episodes.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { oversoldVariationSql, pushFailingSql, unmappedOpenItemSql } from "@/lib/domain/attention";
import type { AlertKind } from "@/lib/domain/enums";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";

export interface AlertThresholds {
  /** push_failing: minutes a listing's pushes have failed with no success since. */
  pushFailingMinutes: number;
  /** sync_failing: finished runs in a row that failed. */
  syncFailedRuns: number;
  /** sync_failing: times the pair's schedule interval without a successful run. */
  syncSilentIntervals: number;
  /** marketplace_silent: minutes without any successful sync of an active marketplace. */
  marketplaceSilentMinutes: number;
  /** drift: minutes a stock-synced drift may stay uncorrected. */
  driftGraceMinutes: number;
  /** stale_lock: days an active lock may be held. */
  staleLockDays: number;
}

/** A scheduled sync type and its period (lib/jobs/schedule.ts passes the seed schedule). */
export interface SyncInterval {
  type: string;
  everyMinutes: number;
}

export interface AlertCondition {
  kind: AlertKind;
  subject: string;
  details: Record<string, unknown>;
}

/** A sync run that did its work (a partial run failed single orders only). */
const successful = sql.raw(`('succeeded', 'partial')`);
/**
 * When a successful run last heard from its marketplace: its end, or the latest empty poll
 * counted on it (lib/sync/empty-polls.ts; the fast `new` poll writes no row of its own).
 */
const lastSuccess = sql.raw("greatest(finished_at, last_polled_at)");

function minutes(n: number): SQL {
  return sql`make_interval(mins => ${n}::int)`;
}

/** Every condition that holds now. */
export async function currentConditions(
  db: Executor,
  thresholds: AlertThresholds,
  intervals: readonly SyncInterval[],
): Promise<AlertCondition[]> {
  const lists = await Promise.all([
    pushFailing(db, thresholds),
    syncFailing(db, thresholds, intervals),
    oversold(db),
    drift(db, thresholds),
    staleLocks(db, thresholds),
    unmappedSkus(db),
    marketplaceSilent(db, thresholds),
  ]);
  return lists.flat();
}

type Row = { subject: string; details: Record<string, unknown> };

async function rows(db: Executor, kind: AlertKind, query: SQL): Promise<AlertCondition[]> {
  const found = await queryRows<Row>(db, query);
  return found.map((row) => ({ kind, subject: row.subject, details: row.details ?? {} }));
}

/** A listing whose push is due and whose attempts have all failed for longer than the threshold. */
function pushFailing(db: Executor, t: AlertThresholds) {
  return rows(
    db,
    "push_failing",
    sql`
      select m.code || ':' || v.sku as subject,
        jsonb_build_object('marketplace', m.code, 'sku', v.sku, 'attempts', ms.push_attempts,
          'failingSince', f.first_failed, 'lastError', left(ms.push_last_error, 300)) as details
      from marketplace_stock ms
      join marketplaces m on m.id = ms.marketplace_id
      join variations v on v.id = ms.variation_id
      cross join lateral (
        select min(p.attempted_at) as first_failed from stock_pushes p
        where p.marketplace_id = ms.marketplace_id and p.variation_id = ms.variation_id
          and p.status = 'failed'
          and p.attempted_at > coalesce((
            select max(s.attempted_at) from stock_pushes s
            where s.marketplace_id = ms.marketplace_id and s.variation_id = ms.variation_id
              and s.status <> 'failed'), '-infinity')
      ) f
      -- "Failing" as /v2/listing and /sync count it (lib/domain/attention.ts).
      where ${pushFailingSql({ pushPendingSince: sql`ms.push_pending_since`, pushAttempts: sql`ms.push_attempts` })}
        and f.first_failed < now() - ${minutes(t.pushFailingMinutes)}`,
  );
}

/**
 * A scheduled (marketplace, type) pair of an active marketplace whose last N finished runs all
 * failed, or that has had no successful run for K × its interval (counted from the
 * marketplace's creation when it never succeeded).
 */
function syncFailing(db: Executor, t: AlertThresholds, intervals: readonly SyncInterval[]) {
  if (intervals.length === 0) return Promise.resolve([]);
  const schedule = sql.join(
    intervals.map((i) => sql`(${i.type}::text, ${i.everyMinutes}::int)`),
    sql`, `,
  );
  return rows(
    db,
    "sync_failing",
    sql`
      select m.code || ':' || s.type as subject,
        jsonb_build_object('marketplace', m.code, 'type', s.type,
          'failedInARow', r.failed, 'lastSuccessAt', ok.at, 'lastError', r.message) as details
      from marketplaces m
      cross join (values ${schedule}) as s(type, every_minutes)
      cross join lateral (
        select count(*) filter (where x.status = 'failed')::int as failed, count(*)::int as n,
          (array_agg(x.message order by x.started_at desc))[1] as message
        from (select status, message, started_at from sync_runs
              where marketplace_id = m.id and type = s.type
                and status not in ('running', 'skipped')
              order by started_at desc limit ${t.syncFailedRuns}) x
      ) r
      cross join lateral (
        select max(${lastSuccess}) as at from sync_runs
        where marketplace_id = m.id and type = s.type and status in ${successful}
      ) ok
      where m.active
        and ((r.n = ${t.syncFailedRuns} and r.failed = r.n)
          or coalesce(ok.at, m.created_at)
            < now() - make_interval(mins => s.every_minutes * ${t.syncSilentIntervals}::int))`,
  );
}

/** A variation with fewer units than its active locks hold. */
function oversold(db: Executor) {
  return rows(
    db,
    "oversold",
    sql`
      select v.sku as subject,
        jsonb_build_object('sku', v.sku, 'onHand', v.on_hand, 'locked', v.locked_quantity,
          'available', v.on_hand - v.locked_quantity) as details
      from variations v
      where ${oversoldVariationSql({ onHand: sql`v.on_hand`, lockedQuantity: sql`v.locked_quantity` })}`,
  );
}

/**
 * A listing whose quantity, as its marketplace last reported it in a stock sync, differs from
 * publishable, and which no push has corrected since that sync within the grace period.
 */
function drift(db: Executor, t: AlertThresholds) {
  const available = availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` });
  const publishable = publishableSql(available, listingRuleColumns("ms"));
  return rows(
    db,
    "drift",
    sql`
      select m.code || ':' || v.sku as subject,
        jsonb_build_object('marketplace', m.code, 'sku', v.sku, 'listed', ms.listed_quantity,
          'publishable', ${publishable}, 'syncedAt', ms.last_synced_at) as details
      from marketplace_stock ms
      join marketplaces m on m.id = ms.marketplace_id
      join variations v on v.id = ms.variation_id
      where m.active and ms.listed_quantity is not null and ms.last_synced_at is not null
        and ms.listed_quantity <> ${publishable}
        and (ms.last_pushed_at is null or ms.last_pushed_at < ms.last_synced_at)
        and ms.last_synced_at < now() - ${minutes(t.driftGraceMinutes)}`,
  );
}

/** A marketplace holding active locks older than STALE_LOCK_DAYS (one episode per marketplace). */
function staleLocks(db: Executor, t: AlertThresholds) {
  return rows(
    db,
    "stale_lock",
    sql`
      select m.code as subject,
        jsonb_build_object('marketplace', m.code, 'locks', count(*)::int,
          'units', sum(l.quantity)::int, 'oldest', min(l.created_at)) as details
      from marketplace_stock_locks l join marketplaces m on m.id = l.marketplace_id
      where l.status = 'locked' and l.created_at < now() - make_interval(days => ${t.staleLockDays}::int)
      group by m.code`,
  );
}

/** A SKU that maps to no variation while open order items wait for it. */
function unmappedSkus(db: Executor) {
  return rows(
    db,
    "unmapped_sku",
    sql`
      select i.sku as subject,
        jsonb_build_object('sku', i.sku, 'items', count(*)::int,
          'units', sum(i.quantity)::int, 'orders', count(distinct i.order_id)::int) as details
      from order_items i
      where ${unmappedOpenItemSql({ variationId: sql`i.variation_id`, status: sql`i.status` })}
      group by i.sku`,
  );
}

/**
 * An active marketplace silent for the threshold: its last successful sync of any type (or,
 * when it never had one, its creation) is older than `silentMinutes`. The overview's "stale".
 */
export function marketplaceSilentSql(
  marketplace: { active: SQLWrapper; lastSuccessAt: SQLWrapper; createdAt: SQLWrapper },
  silentMinutes: number,
): SQL<boolean> {
  return sql<boolean>`(${marketplace.active} and coalesce(${marketplace.lastSuccessAt}, ${marketplace.createdAt}) < now() - ${minutes(silentMinutes)})`;
}

/** When the marketplace last finished a successful sync of any type (null: never). */
export function lastSuccessfulSyncSql(marketplaceId: SQLWrapper): SQL<Date | string | null> {
  return sql`(select max(${lastSuccess}) from sync_runs
    where marketplace_id = ${marketplaceId} and status in ${successful})`;
}

/** An active marketplace with no successful sync of any type for the threshold. */
function marketplaceSilent(db: Executor, t: AlertThresholds) {
  return rows(
    db,
    "marketplace_silent",
    sql`
      select m.code as subject,
        jsonb_build_object('marketplace', m.code, 'lastSuccessAt', ok.at) as details
      from marketplaces m
      cross join lateral (select ${lastSuccessfulSyncSql(sql`m.id`)} as at) ok
      where ${marketplaceSilentSql(
        { active: sql`m.active`, lastSuccessAt: sql`ok.at`, createdAt: sql`m.created_at` },
        t.marketplaceSilentMinutes,
      )}`,
  );
}
