// Realistic volume for benchmarks and browser tests, generated set-based in SQL: marketplaces,
// variations and listings, orders with a lifecycle by age, items, locks that follow their
// items, counters and a ledger that satisfy DESIGN's stock invariants, events and sync runs.
import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Transaction } from "@/db/client";
import {
  firstNames,
  lastNames,
  seedMarketplaces,
  textArray,
  variationCombinationCount,
  variationCombinations,
} from "./large-catalog";
import { seedLocksAndLedger } from "./large-stock";
import { seedEventsAndRuns } from "./large-sync";

export interface SeedLargeOptions {
  orders: number;
  /** Variations to create (default: orders / 100, at least 40, at most every combination). */
  variations?: number;
  /** Makes random() repeatable. */
  seed?: number;
  log?: (message: string) => void;
}

export interface SeedLargeSummary {
  marketplaces: number;
  variations: number;
  listings: number;
  orders: number;
  items: number;
  locks: Record<string, number>;
  movements: number;
  events: number;
  syncRuns: number;
  ms: number;
}

/** External ids of generated orders start with this, so a second run can be refused. */
export const SEED_ORDER_PREFIX = "LG";

export async function seedLarge(
  db: Executor,
  options: SeedLargeOptions,
): Promise<SeedLargeSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const variationCount = Math.min(
    variationCombinationCount,
    options.variations ?? Math.max(40, Math.round(options.orders / 100)),
  );
  const [existing] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from orders where external_id like ${`${SEED_ORDER_PREFIX}%`}`,
  );
  if ((existing?.n ?? 0) > 0) {
    throw new Error(`this database already holds ${existing?.n} generated orders; use a fresh one`);
  }

  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${((options.seed ?? 42) % 1000) / 1000})`);
    // The rows are consistent by construction: a superuser skips the per-row foreign-key
    // triggers (millions of them); anyone else gets them checked.
    const [role] = await queryRows<{ superuser: boolean }>(
      tx,
      sql`select rolsuper as superuser from pg_roles where rolname = current_user`,
    );
    if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
    await seedCatalog(tx, variationCount);
    log(`catalog: ${variationCount} variations (${elapsed()})`);
    await seedOrders(tx, options.orders);
    log(`orders and items: ${options.orders} orders (${elapsed()})`);
    await seedLocksAndLedger(tx);
    log(`locks, counters and ledger (${elapsed()})`);
    await seedEventsAndRuns(tx);
    log(`events and sync runs (${elapsed()})`);
  });
  // Fresh statistics and visibility map: good plans and index-only counts from the start.
  await db.execute(sql`vacuum analyze`);

  const [counts] = await queryRows<Omit<SeedLargeSummary, "locks" | "ms">>(
    db,
    sql`select (select count(*)::int from marketplaces) as marketplaces,
               (select count(*)::int from variations) as variations,
               (select count(*)::int from marketplace_stock) as listings,
               (select count(*)::int from orders) as orders,
               (select count(*)::int from order_items) as items,
               (select count(*)::int from stock_movements) as movements,
               (select count(*)::int from domain_events) as events,
               (select count(*)::int from sync_runs) as "syncRuns"`,
  );
  const lockRows = await queryRows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from marketplace_stock_locks group by status`,
  );
  if (!counts) throw new Error("seed summary query returned nothing");
  return {
    ...counts,
    locks: Object.fromEntries(lockRows.map((r) => [r.status, r.n])),
    ms: Math.round(performance.now() - started),
  };
}

async function seedCatalog(tx: Transaction, variationCount: number): Promise<void> {
  for (const m of seedMarketplaces) {
    const baseUrl =
      m.provider === "backmarket" ? "https://www.backmarket.fr" : "https://api.refurbed.com";
    await tx.execute(sql`
      insert into marketplaces (code, name, provider, base_url, token_env, country)
      values (${m.code}, ${m.name}, ${m.provider}, ${baseUrl},
              ${`${m.code.replace("-", "_").toUpperCase()}_TOKEN`}, ${m.country})
      on conflict (code) do nothing`);
  }
  await tx.execute(sql`create temp table seed_variations (id int primary key) on commit drop`);
  await tx.execute(sql`
    with inserted as (
      insert into variations (sku, name, on_hand)
      select sku, name, 0 from (${variationCombinations()} limit ${variationCount}) c
      on conflict (sku) do nothing
      returning id
    )
    insert into seed_variations select id from inserted`);
  // Each variation is listed on about 70% of the marketplaces.
  await tx.execute(sql`
    insert into marketplace_stock (marketplace_id, variation_id, external_listing_id, external_sku, buffer, last_synced_at)
    select m.id, v.id, (100000 + v.id * 10 + m.id)::text, v.sku,
           (case when random() < 0.6 then 0 when random() < 0.8 then 1 else 2 end),
           now() - random() * interval '6 hours'
    from marketplaces m join variations v on v.id in (select id from seed_variations)
    where m.code in (${sql.join(
      seedMarketplaces.map((s) => sql`${s.code}`),
      sql`, `,
    )})
      and random() < 0.7
    on conflict (marketplace_id, variation_id) do nothing`);
  await tx.execute(sql`
    create temp table seed_listings on commit drop as
    select ms.marketplace_id, ms.variation_id, v.sku, v.name,
           row_number() over (partition by ms.marketplace_id order by ms.variation_id) as rn,
           count(*) over (partition by ms.marketplace_id) as cnt
    from marketplace_stock ms join variations v on v.id = ms.variation_id
    where ms.variation_id in (select id from seed_variations)`);
  await tx.execute(sql`create index on seed_listings (marketplace_id, rn)`);
}

/** Orders and items, with the status each would have reached by its age. */
async function seedOrders(tx: Transaction, count: number): Promise<void> {
  const weighted = seedMarketplaces.flatMap((m) => Array<string>(m.weight).fill(m.code));
  await tx.execute(sql`
    create temp table seed_orders on commit drop as
    with raw as (
      select g as n, random() as r_mkt, random() as r_age, random() as r_status,
             random() as r_items, random() as r_first, random() as r_name, random() as r_docs
      from generate_series(1, ${count}) g
    ), aged as (
      select raw.*, now() - power(r_age, 1.3) * interval '400 days' as ordered_at,
             (${textArray(weighted)})[1 + floor(r_mkt * ${weighted.length})::int] as mkt_code
      from raw
    ), lifecycle as (
      select aged.*, extract(epoch from now() - ordered_at) / 3600 as age_hours from aged
    )
    select nextval(pg_get_serial_sequence('orders', 'id'))::int as id, l.n, m.id as marketplace_id,
           m.provider, l.ordered_at, l.r_first, l.r_name, l.r_docs,
           1 + floor(l.r_items * 9.4)::int as item_count,
           case
             when age_hours < 2 then case when r_status < 0.15 then 'pending' else 'new' end
             when age_hours < 24 then case when r_status < 0.2 then 'new' when r_status < 0.9 then 'accepted' else 'cancelled' end
             when age_hours < 72 then case when r_status < 0.35 then 'accepted' when r_status < 0.92 then 'shipped' else 'cancelled' end
             else case when r_status < 0.003 then 'accepted' when r_status < 0.02 then 'partial'
                       when r_status < 0.05 then 'refunded' when r_status < 0.12 then 'cancelled' else 'shipped' end
           end as status,
           -- When the order reached its final state (ship, cancel).
           least(now(), l.ordered_at + (6 + random() * 60) * interval '1 hour') as closed_at
    from lifecycle l join marketplaces m on m.code = l.mkt_code`);

  await tx.execute(sql`
    insert into orders (id, marketplace_id, external_id, status, marketplace_state, currency,
                        customer_name, shipping_country, label_url, delivery_note_url,
                        tracking_number, ordered_at, modified_at, first_seen_at, last_synced_at)
    select o.id, o.marketplace_id, ${SEED_ORDER_PREFIX} || (40000000 + o.n)::text, o.status,
           case when o.provider = 'backmarket'
                then case o.status when 'pending' then '0' when 'new' then '1' when 'accepted' then '3'
                                   when 'shipped' then '9' when 'partial' then '9' else '9' end
                else upper(o.status) end,
           'EUR',
           (${textArray(firstNames)})[1 + floor(o.r_name * ${firstNames.length})::int] || ' ' ||
           (${textArray(lastNames)})[1 + floor(random() * ${lastNames.length})::int],
           upper(split_part(m.country, '-', 1)),
           case when o.status in ('accepted', 'shipped', 'partial', 'refunded') and o.r_docs < 0.97
                then 'https://labels.example.com/' || o.id || '.pdf' end,
           case when o.status in ('accepted', 'shipped', 'partial', 'refunded') and o.r_docs < 0.95
                then 'https://notes.example.com/' || o.id || '.pdf' end,
           case when o.status in ('shipped', 'partial', 'refunded') then '1Z' || (900000000 + o.n)::text end,
           o.ordered_at,
           case when o.status in ('pending', 'new') then o.ordered_at else o.closed_at end,
           least(now(), o.ordered_at + interval '1 minute'),
           greatest(o.ordered_at + interval '1 minute', now() - random() * interval '1 day')
    from seed_orders o join marketplaces m on m.id = o.marketplace_id`);

  // Items pick a listing of their order's marketplace; 0.4% carry a SKU nobody knows.
  await tx.execute(sql`
    create temp table seed_items on commit drop as
    with lines as (
      select o.id as order_id, o.marketplace_id, o.status as order_status, o.ordered_at,
             o.closed_at, line, random() as r_map, random() as r_qty, random() as r_pick,
             random() as r_partial
      from seed_orders o cross join lateral generate_series(1, o.item_count) line
    ), counts as (select distinct marketplace_id, cnt from seed_listings)
    select nextval(pg_get_serial_sequence('order_items', 'id'))::int as id, x.order_id,
           x.marketplace_id, x.line, x.ordered_at, x.closed_at,
           case when x.order_status = 'partial'
                then case when x.r_partial < 0.5 then 'shipped' else 'cancelled' end
                else x.order_status end as status,
           case when x.r_map < 0.004 then null else l.variation_id end as variation_id,
           case when x.r_map < 0.004 then 'UNMAPPED-' || (1 + floor(x.r_pick * 40))::int
                else l.sku end as sku,
           l.name,
           case when x.r_qty < 0.9 then 1 when x.r_qty < 0.98 then 2 else 3 end as quantity
    from lines x
    join counts c on c.marketplace_id = x.marketplace_id
    join seed_listings l on l.marketplace_id = x.marketplace_id
                        and l.rn = 1 + floor(x.r_pick * c.cnt)::int`);

  await tx.execute(sql`
    insert into order_items (id, order_id, external_id, variation_id, sku, name, quantity,
                             unit_price, status, marketplace_state, created_at, updated_at)
    select i.id, i.order_id, (i.order_id * 10 + i.line)::text, i.variation_id, i.sku, i.name,
           i.quantity, round((80 + random() * 900)::numeric, 2), i.status,
           case i.status when 'pending' then '0' when 'new' then '1' when 'accepted' then '3'
                         when 'shipped' then '9' else '9' end,
           i.ordered_at, greatest(i.ordered_at, i.closed_at)
    from seed_items i`);
  await tx.execute(sql`
    update orders o set total_amount = t.amount
    from (select order_id, sum(quantity * unit_price) as amount from order_items
          where order_id in (select id from seed_orders) group by order_id) t
    where t.order_id = o.id`);
}
