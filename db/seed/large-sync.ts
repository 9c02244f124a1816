// The order timeline (domain events), a month of sync runs, and a few pending stock pushes.
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { seedMarketplaces } from "./large-catalog";

export async function seedEventsAndRuns(tx: Transaction): Promise<void> {
  await tx.execute(sql`
    insert into domain_events (type, payload, order_id, created_at, processed_at)
    select type, payload, order_id, at, at from (
      select 'OrderCreated' as type, o.id as order_id, least(now(), o.ordered_at + interval '1 minute') as at,
             jsonb_build_object('orderId', o.id, 'items', o.item_count,
               'status', case when o.status = 'pending' then 'pending' else 'new' end) as payload
      from seed_orders o
      union all
      select 'OrderStatusChanged', o.id, least(now(), o.ordered_at + interval '40 minutes'),
             jsonb_build_object('orderId', o.id, 'from', 'new', 'to', 'accepted')
      from seed_orders o where o.status in ('accepted', 'shipped', 'partial', 'refunded')
      union all
      select 'OrderStatusChanged', o.id, o.closed_at,
             jsonb_build_object('orderId', o.id,
               'from', case when o.status = 'cancelled' then 'new' else 'accepted' end, 'to', o.status)
      from seed_orders o where o.status in ('shipped', 'cancelled', 'partial', 'refunded')
    ) e
    order by at`);

  const codes = sql.join(
    seedMarketplaces.map((m) => sql`${m.code}`),
    sql`, `,
  );
  // Every 30 min (new), hourly (modified), every 2 h (care, incomplete), every 6 h (stock).
  await tx.execute(sql`
    insert into sync_runs (type, marketplace_id, trigger, status, fetched, created, updated, events,
                           locks, accepted, skipped, errors, error_details, message,
                           started_at, heartbeat_at, finished_at, duration_ms)
    with schedule(type, every_minutes) as (
      values ('new', 30), ('modified', 60), ('care', 120), ('incomplete', 120), ('stock', 360)
    ), slots as (
      select s.type, m.id as marketplace_id, t as started_at,
             random() as r_status, random() as r_volume, random() as r_duration
      from schedule s
      cross join marketplaces m
      cross join lateral generate_series(
        date_trunc('hour', now()) - interval '30 days',
        now() - interval '10 minutes',
        s.every_minutes * interval '1 minute') t
      where m.code in (${codes})
    ), runs as (
      select slots.*,
             case when r_status < 0.01 then 'failed' when r_status < 0.03 then 'skipped'
                  when r_status < 0.07 then 'partial' else 'succeeded' end as status,
             (300 + r_duration * r_duration * 20000)::int as duration_ms,
             case when type in ('new', 'modified') then floor(r_volume * 40)::int
                  when type = 'stock' then floor(200 + r_volume * 300)::int
                  else floor(r_volume * 8)::int end as fetched
      from slots
    )
    select type, marketplace_id, case when random() < 0.95 then 'cron' else 'button' end, status,
           case when status in ('failed', 'skipped') then 0 else fetched end,
           case when type = 'new' and status in ('succeeded', 'partial') then fetched else 0 end,
           case when type = 'modified' and status in ('succeeded', 'partial') then fetched else 0 end,
           case when status in ('succeeded', 'partial') then fetched else 0 end,
           case when type = 'new' and status in ('succeeded', 'partial') then fetched * 2 else 0 end,
           case when type = 'new' and status in ('succeeded', 'partial') then fetched else 0 end,
           0,
           case when status = 'partial' then 1 + floor(random() * 3)::int
                when status = 'failed' then 1 else 0 end,
           case when status = 'partial' then jsonb_build_array(
                  jsonb_build_object('orderId', 'LG' || (40000000 + floor(random() * 100000)::int),
                    'message', 'marketplace answered 502 Bad Gateway after 3 attempts'),
                  jsonb_build_object('orderId', 'LG' || (40000000 + floor(random() * 100000)::int),
                    'message', 'item 2: unknown state code "11"', 'path', 'orderlines.1.state'))
                when status = 'failed' then jsonb_build_array(jsonb_build_object(
                    'message', 'authentication failed: 401 Unauthorized'))
                else '[]'::jsonb end,
           case when status = 'failed' then 'authentication failed: 401 Unauthorized'
                when status = 'skipped' then 'another run of this marketplace and type holds the lock'
                end,
           started_at,
           started_at + duration_ms * interval '1 millisecond',
           started_at + duration_ms * interval '1 millisecond',
           case when status = 'skipped' then 5 else duration_ms end
    from runs
    order by started_at`);

  await tx.execute(sql`
    update marketplace_stock ms
    set push_pending_since = now() - random() * interval '10 minutes',
        push_attempts = case when random() < 0.3 then 2 else 0 end,
        push_next_attempt_at = now() + interval '1 minute',
        push_last_error = case when random() < 0.3 then '429 Too Many Requests' end
    where ms.id in (select ms2.id from seed_listings sl join marketplace_stock ms2
      on ms2.variation_id = sl.variation_id and ms2.marketplace_id = sl.marketplace_id
      order by random() limit 25)`);
}
