// Locks that follow their items, the counters they imply, and a ledger that replays to them.
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";

export async function seedLocksAndLedger(tx: Transaction): Promise<void> {
  // Open items hold a lock; shipped ones consumed it; cancelled/refunded ones released it.
  // 2% of orders first seen already final never got a lock (DESIGN: recorded, stock untouched).
  await tx.execute(sql`
    insert into marketplace_stock_locks (order_item_id, order_id, marketplace_id, variation_id,
                                         quantity, status, created_at, consumed_at, released_at)
    select i.id, i.order_id, i.marketplace_id, i.variation_id, i.quantity,
           case when i.status in ('pending', 'new', 'accepted') then 'locked'
                when i.status = 'shipped' then 'consumed' else 'cancelled' end,
           least(now(), i.ordered_at + interval '2 minutes'),
           case when i.status = 'shipped' then i.closed_at end,
           case when i.status in ('cancelled', 'refunded') then i.closed_at end
    from seed_items i join seed_orders o on o.id = i.order_id
    where i.variation_id is not null
      and (i.status in ('pending', 'new', 'accepted') or o.r_first >= 0.02)
    order by i.id`);

  await tx.execute(sql`
    update marketplace_stock ms set locked_quantity = t.locked
    from (select marketplace_id, variation_id, sum(quantity)::int as locked
          from marketplace_stock_locks where status = 'locked'
          group by marketplace_id, variation_id) t
    where t.marketplace_id = ms.marketplace_id and t.variation_id = ms.variation_id`);

  // Physical stock: comfortably above the locked units, except ~1% oversold variations; the
  // variation's own locked counter is the sum of its listings' (a stock invariant).
  await tx.execute(sql`
    update variations v set on_hand = case
        when random() < 0.01 and t.locked > 0 then floor(t.locked * random())::int
        else t.locked + floor(random() * 25)::int end,
      locked_quantity = t.locked,
      updated_at = now()
    from (select s.id, coalesce(sum(ms.locked_quantity), 0)::int as locked
          from seed_variations s left join marketplace_stock ms on ms.variation_id = s.id
          group by s.id) t
    where t.id = v.id`);

  // What each marketplace shows: the publishable quantity, with drift on ~5% of listings.
  const publishable = publishableSql(
    availableSql({ onHand: sql`v.on_hand`, locked: sql`t.locked` }),
    listingRuleColumns("ms"),
  );
  await tx.execute(sql`
    update marketplace_stock ms set
      last_pushed_quantity = ${publishable},
      last_pushed_at = now() - random() * interval '6 hours',
      listed_quantity = case when random() < 0.05
        then greatest(0, ${publishable} + floor(random() * 7)::int - 3)
        else ${publishable} end
    from variations v,
         (select variation_id, sum(locked_quantity)::int as locked from marketplace_stock group by variation_id) t
    where v.id = ms.variation_id and t.variation_id = ms.variation_id
      and ms.variation_id in (select id from seed_variations)`);

  // The ledger: an initial count per variation, then lock / consume / release per lock, with
  // the counters after each movement as running sums (ids follow time).
  await tx.execute(sql`
    insert into stock_movements (variation_id, marketplace_id, reason, on_hand_delta, locked_delta,
                                 on_hand_after, locked_after, order_item_id, lock_id, actor, note, created_at)
    with consumed as (
      select variation_id, sum(quantity)::int as units from marketplace_stock_locks
      where status = 'consumed' and variation_id in (select id from seed_variations)
      group by variation_id
    ), moves as (
      select v.id as variation_id, null::int as marketplace_id, 'manual' as reason,
             v.on_hand + coalesce(c.units, 0) as on_hand_delta, 0 as locked_delta,
             null::int as order_item_id, null::int as lock_id, 'seed' as actor,
             'initial stock count' as note, now() - interval '401 days' as created_at, 0 as step
      from variations v join seed_variations s on s.id = v.id
      left join consumed c on c.variation_id = v.id
      union all
      select l.variation_id, l.marketplace_id, 'lock', 0, l.quantity, l.order_item_id, l.id,
             null, null, l.created_at, 1
      from marketplace_stock_locks l join seed_items i on i.id = l.order_item_id
      union all
      select l.variation_id, l.marketplace_id, 'consume', -l.quantity, -l.quantity,
             l.order_item_id, l.id, null, null, l.consumed_at, 2
      from marketplace_stock_locks l join seed_items i on i.id = l.order_item_id
      where l.status = 'consumed'
      union all
      select l.variation_id, l.marketplace_id, 'release', 0, -l.quantity, l.order_item_id, l.id,
             null, 'order cancelled', l.released_at, 2
      from marketplace_stock_locks l join seed_items i on i.id = l.order_item_id
      where l.status = 'cancelled'
    )
    select variation_id, marketplace_id, reason, on_hand_delta, locked_delta,
           sum(on_hand_delta) over w, sum(locked_delta) over w,
           order_item_id, lock_id, actor, note, created_at
    from moves
    window w as (partition by variation_id order by created_at, step, lock_id
                 rows between unbounded preceding and current row)
    order by created_at, step, lock_id`);
}
