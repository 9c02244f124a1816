// Empty polls, recorded compactly: the fast `new` poll runs every few seconds and mostly finds
// nothing new, so it leaves no row of its own. It is counted on the pair's latest finished run
// when that run did its work (`empty_polls + 1`, `last_polled_at = now()`); after a failed run
// (or before any run) it inserts one `succeeded` row, so "failing N runs in a row" and "no
// successful sync for an hour" stay true of what the marketplace answered.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { SyncTrigger } from "@/db/schema";

export interface EmptyPoll {
  marketplaceId: number;
  trigger: SyncTrigger;
  /** Orders the poll saw, all already stored and unchanged. */
  seen: number;
  durationMs: number;
}

/** Records one empty poll; returns the run row it was counted on and whether it is new. */
export async function recordEmptyPoll(
  db: Executor,
  poll: EmptyPoll,
): Promise<{ runId: number; inserted: boolean }> {
  const [row] = await queryRows<{ id: number; inserted: boolean }>(
    db,
    sql`with last as (
          select id, status from sync_runs
          where marketplace_id = ${poll.marketplaceId} and type = 'new'
            and status not in ('running', 'skipped')
          order by started_at desc, id desc limit 1
        ), bumped as (
          update sync_runs r set empty_polls = r.empty_polls + 1, last_polled_at = now()
          from last where r.id = last.id and last.status in ('succeeded', 'partial')
          returning r.id
        ), inserted as (
          insert into sync_runs (type, marketplace_id, trigger, status, fetched, message,
            progress, started_at, heartbeat_at, finished_at, duration_ms, empty_polls,
            last_polled_at)
          select 'new', ${poll.marketplaceId}, ${poll.trigger}, 'succeeded', ${poll.seen},
            'poll: nothing new', ${JSON.stringify({ phase: "done", done: poll.seen, total: null })}::jsonb,
            now() - make_interval(secs => ${poll.durationMs / 1000}), now(), now(),
            ${poll.durationMs}, 1, now()
          where not exists (select 1 from bumped)
          returning id
        )
        select id, false as inserted from bumped
        union all select id, true as inserted from inserted`,
  );
  if (!row) throw new Error("recording the empty poll returned no row");
  return { runId: row.id, inserted: row.inserted };
}
