// The overview at `/` on real PostgreSQL: every figure against the database on a seeded
// scenario, against the list each figure links to, and as the page shows it.
import { sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { OverviewState, OverviewView } from "@/app/(dashboard)/_components/overview-view";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { orderList } from "@/lib/lists/orders";
import { lockList } from "@/lib/lists/stock-locks";
import { listListing } from "./listing";
import { listOrders } from "./orders";
import { getOverview, type Overview } from "./overview";
import { settle } from "./settle";
import { listLocks } from "./stock-locks";

const database = useTestDatabase();
const options = { staleLockDays: 3, marketplaceSilentMinutes: 60 };

async function one<T extends Record<string, unknown>>(db: Database, query: ReturnType<typeof sql>) {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error("no row");
  return row;
}

async function marketplace(db: Database, code: string, active: boolean, minutesOld: number) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into marketplaces (code, name, provider, base_url, token_env, active, created_at)
        values (${code}, ${code}, 'simulator', 'http://127.0.0.1:1', 'SIM_TOKEN', ${active},
          now() - make_interval(mins => ${minutesOld}::int)) returning id`,
  );
  return row.id;
}

async function variation(db: Database, sku: string, onHand: number, locked: number) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into variations (sku, name, on_hand, locked_quantity)
        values (${sku}, ${sku}, ${onHand}, ${locked}) returning id`,
  );
  return row.id;
}

async function listing(
  db: Database,
  marketplaceId: number,
  variationId: number,
  push: { locked?: number; pending?: boolean; attempts?: number } = {},
) {
  await db.execute(
    sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
          locked_quantity, push_pending_since, push_attempts)
        values (${marketplaceId}, ${variationId}, ${`L-${marketplaceId}-${variationId}`},
          ${push.locked ?? 0}, ${push.pending ? sql`now() - interval '20 minutes'` : null},
          ${push.attempts ?? 0})`,
  );
}

async function order(db: Database, marketplaceId: number, externalId: string, orderedAt: Date) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into orders (marketplace_id, external_id, status, marketplace_state, ordered_at)
        values (${marketplaceId}, ${externalId}, 'new', '1', ${orderedAt.toISOString()}::timestamptz)
        returning id`,
  );
  return row.id;
}

async function item(
  db: Database,
  orderId: number,
  line: { sku: string; variationId: number | null; quantity: number; status: string },
) {
  const row = await one<{ id: number }>(
    db,
    sql`insert into order_items (order_id, external_id, sku, variation_id, quantity, status,
          marketplace_state)
        values (${orderId}, ${`${orderId}-${line.sku}-${Math.random()}`}, ${line.sku},
          ${line.variationId}, ${line.quantity}, ${line.status}, ${line.status}) returning id`,
  );
  return row.id;
}

async function lock(
  db: Database,
  l: {
    itemId: number;
    orderId: number;
    marketplaceId: number;
    variationId: number;
    quantity: number;
    status: "locked" | "consumed" | "cancelled";
    createdAt: Date;
  },
) {
  await db.execute(
    sql`insert into marketplace_stock_locks (order_item_id, order_id, marketplace_id,
          variation_id, quantity, status, created_at, released_at)
        values (${l.itemId}, ${l.orderId}, ${l.marketplaceId}, ${l.variationId}, ${l.quantity},
          ${l.status}, ${l.createdAt.toISOString()}::timestamptz,
          ${l.status === "cancelled" ? sql`now()` : null})`,
  );
}

async function run(
  db: Database,
  marketplaceId: number,
  status: string,
  minutesAgo: number,
  type = "new",
) {
  await db.execute(
    sql`insert into sync_runs (type, marketplace_id, trigger, status, started_at, finished_at)
        values (${type}, ${marketplaceId}, 'cron', ${status},
          now() - make_interval(mins => ${minutesAgo + 1}::int),
          now() - make_interval(mins => ${minutesAgo}::int))`,
  );
}

/** The text a person reads (tags dropped, whitespace collapsed). */
function shown(overview: Overview): string {
  return renderToStaticMarkup(createElement(OverviewView, { overview }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

function markup(overview: Overview): string {
  return renderToStaticMarkup(createElement(OverviewView, { overview }));
}

/** The number inside the element with this data-testid. */
function figure(html: string, testId: string): number {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([\\d,]+)`).exec(html);
  if (!match?.[1]) throw new Error(`no figure ${testId}`);
  return Number(match[1].replaceAll(",", ""));
}

describe("overview (real PostgreSQL)", () => {
  const now = new Date();
  const today = new Date(now.getTime() - 60_000);
  const longAgo = new Date(now.getTime() - 5 * 86_400_000);
  let ids: { a: number; b: number; c: number };

  it("is all clear on an empty database, and says so", async () => {
    const overview = await getOverview(database.current.db, { ...options, now });
    expect(overview.alerts).toEqual([]);
    expect(overview.pushes).toEqual({ pending: 0, failing: 0 });
    expect(overview.today.orders).toBe(0);
    const html = markup(overview);
    expect(html).toContain('data-testid="all-clear"');
    expect(html).toContain("No open alerts.");
    expect(html).not.toContain('data-testid="needs-attention"');
  });

  it("shows an error state, not an empty overview, when the database fails", async () => {
    const db = database.current.db;
    await db.execute(sql`create schema if not exists hidden`);
    await db.execute(sql`alter table alerts set schema hidden`);
    try {
      const result = await settle("overview", () => getOverview(db, { ...options, now }));
      expect(result.ok).toBe(false);
      const html = renderToStaticMarkup(createElement(OverviewState, { result }));
      expect(html).toContain('role="alert"');
      expect(html).toContain("Overview unavailable");
      expect(html).toMatch(/alerts/);
      expect(html).not.toContain("All clear");
    } finally {
      await db.execute(sql`alter table hidden.alerts set schema public`);
    }
  });

  describe("on a seeded scenario", () => {
    let overview: Overview;

    beforeAll(async () => {
      const db = database.current.db;
      ids = {
        a: await marketplace(db, "ov-a", true, 600),
        b: await marketplace(db, "ov-b", true, 180),
        c: await marketplace(db, "ov-c", false, 180),
      };
      await run(db, ids.a, "succeeded", 5, "stock");
      await run(db, ids.b, "succeeded", 120);
      await run(db, ids.b, "failed", 10);

      const over = await variation(db, "OV-OVER", 1, 2);
      const fine = await variation(db, "OV-FINE", 5, 1);
      const pend = await variation(db, "OV-PEND", 3, 0);
      const fail = await variation(db, "OV-FAIL", 3, 0);
      await listing(db, ids.a, over, { locked: 2 });
      await listing(db, ids.b, fine, { locked: 1 });
      await listing(db, ids.a, pend, { pending: true });
      await listing(db, ids.b, fail, { pending: true, attempts: 2 });
      await listing(db, ids.a, fail, {});

      const o1 = await order(db, ids.a, "OV-1", today);
      const i1 = await item(db, o1, {
        sku: "OV-OVER",
        variationId: over,
        quantity: 2,
        status: "new",
      });
      await lock(db, {
        itemId: i1,
        orderId: o1,
        marketplaceId: ids.a,
        variationId: over,
        quantity: 2,
        status: "locked",
        createdAt: today,
      });
      const o2 = await order(db, ids.b, "OV-2", longAgo);
      const i2 = await item(db, o2, {
        sku: "OV-FINE",
        variationId: fine,
        quantity: 1,
        status: "accepted",
      });
      await lock(db, {
        itemId: i2,
        orderId: o2,
        marketplaceId: ids.b,
        variationId: fine,
        quantity: 1,
        status: "locked",
        createdAt: longAgo,
      });
      const o3 = await order(db, ids.b, "OV-3", today);
      await item(db, o3, { sku: "OV-UNKNOWN-1", variationId: null, quantity: 1, status: "new" });
      await item(db, o3, { sku: "OV-UNKNOWN-1", variationId: null, quantity: 2, status: "new" });
      const o4 = await order(db, ids.a, "OV-4", today);
      await item(db, o4, {
        sku: "OV-UNKNOWN-2",
        variationId: null,
        quantity: 1,
        status: "pending",
      });
      await item(db, o4, {
        sku: "OV-UNKNOWN-3",
        variationId: null,
        quantity: 1,
        status: "shipped",
      });
      const o5 = await order(db, ids.a, "OV-5", today);
      const i5 = await item(db, o5, {
        sku: "OV-FINE",
        variationId: fine,
        quantity: 1,
        status: "cancelled",
      });
      await lock(db, {
        itemId: i5,
        orderId: o5,
        marketplaceId: ids.a,
        variationId: fine,
        quantity: 1,
        status: "cancelled",
        createdAt: today,
      });

      await db.execute(
        sql`insert into alerts (kind, subject, status, opened_at, details, resolved_at) values
              ('push_failing', 'ov-b:OV-FAIL', 'open', now() - interval '16 minutes',
                '{"attempts": 2, "lastError": "answered 503"}'::jsonb, null),
              ('oversold', 'OV-GONE', 'resolved', now() - interval '2 hours', '{}'::jsonb, now())`,
      );
      overview = await getOverview(db, { ...options, now });
    });

    it("counts open alerts, pushes, oversold, unmapped and locks as stored", async () => {
      const db = database.current.db;
      const open = await queryRows<{ id: number; kind: string; subject: string }>(
        db,
        sql`select id, kind, subject from alerts where status = 'open' order by opened_at`,
      );
      expect(overview.alerts.map((a) => [a.id, a.kind, a.subject])).toEqual(
        open.map((a) => [a.id, a.kind, a.subject]),
      );
      expect(overview.alerts[0]?.details).toEqual({ attempts: 2, lastError: "answered 503" });

      const pushes = await one<{ pending: number; failing: number }>(
        db,
        sql`select count(*) filter (where push_pending_since is not null)::int as pending,
              count(*) filter (where push_pending_since is not null and push_attempts > 0)::int
                as failing
            from marketplace_stock`,
      );
      expect(overview.pushes).toEqual(pushes);
      expect(overview.pushes).toEqual({ pending: 2, failing: 1 });

      const stock = await one<Record<string, number>>(
        db,
        sql`select
              (select count(*) from variations v where v.on_hand < (select sum(quantity)
                from marketplace_stock_locks l where l.variation_id = v.id
                  and l.status = 'locked'))::int as oversold,
              (select count(distinct sku) from order_items where variation_id is null
                and status in ('pending', 'new', 'accepted'))::int as unmapped_skus,
              (select count(*) from order_items where variation_id is null
                and status in ('pending', 'new', 'accepted'))::int as unmapped_items,
              (select count(*) from marketplace_stock_locks where status = 'locked')::int as active,
              (select sum(quantity) from marketplace_stock_locks where status = 'locked')::int
                as units,
              (select count(*) from marketplace_stock_locks where status = 'locked'
                and created_at < now() - interval '3 days')::int as stale`,
      );
      expect(overview.stock).toEqual({
        activeLocks: stock.active,
        unitsLocked: stock.units,
        staleLocks: stock.stale,
        oversoldVariations: stock.oversold,
        unmappedSkus: stock.unmapped_skus,
        unmappedItems: stock.unmapped_items,
      });
      expect(overview.stock).toEqual({
        activeLocks: 2,
        unitsLocked: 3,
        staleLocks: 1,
        oversoldVariations: 1,
        unmappedSkus: 2,
        unmappedItems: 3,
      });
    });

    it("counts today's orders and locks from the UTC day's start, as the linked lists do", async () => {
      const db = database.current.db;
      const day = now.toISOString().slice(0, 10);
      const today = await one<{ orders: number; locks: number; units: number }>(
        db,
        sql`select
              (select count(*) from orders where ordered_at >= ${`${day}T00:00:00Z`}::timestamptz)::int
                as orders,
              (select count(*) from marketplace_stock_locks
                where created_at >= ${`${day}T00:00:00Z`}::timestamptz)::int as locks,
              (select sum(quantity) from marketplace_stock_locks
                where created_at >= ${`${day}T00:00:00Z`}::timestamptz)::int as units`,
      );
      expect(overview.today).toEqual({
        day,
        orders: today.orders,
        locks: today.locks,
        lockedUnits: today.units,
      });
      // The lists behind the links agree.
      const orders = await listOrders(db, parseListParams(orderList, { from: day }).values);
      const locks = await listLocks(db, parseListParams(lockList, { from: day }).values, 3);
      expect(orders.total).toBe(overview.today.orders);
      expect(locks.total).toBe(overview.today.locks);
      expect(locks.units).toBe(overview.today.lockedUnits);
      const failing = await listListing(
        db,
        parseListParams(listingList, { flag: "failing" }).values,
      );
      const pending = await listListing(
        db,
        parseListParams(listingList, { flag: "pending" }).values,
      );
      expect(failing.total).toBe(overview.pushes.failing);
      expect(pending.total).toBe(overview.pushes.pending);
      const unmapped = await listOrders(db, parseListParams(orderList, { unmapped: "1" }).values);
      expect(unmapped.rows.map((o) => o.externalId).sort()).toEqual(["OV-3", "OV-4"]);
      expect(unmapped.total).toBe(2);
    });

    it("gives each marketplace its last run and last success; silent active ones are stale", async () => {
      const db = database.current.db;
      const byCode = new Map(overview.marketplaces.map((m) => [m.code, m]));
      expect(overview.marketplaces.map((m) => m.code)).toEqual(["ov-a", "ov-b", "ov-c"]);
      const last = await queryRows<{ code: string; status: string; finished_at: string | Date }>(
        db,
        sql`select distinct on (m.code) m.code, r.status, r.finished_at from sync_runs r
            join marketplaces m on m.id = r.marketplace_id order by m.code, r.started_at desc`,
      );
      for (const row of last) {
        expect(byCode.get(row.code)?.lastRun?.status).toBe(row.status);
        expect(byCode.get(row.code)?.lastRun?.finishedAt?.getTime()).toBe(
          new Date(row.finished_at).getTime(),
        );
      }
      expect(byCode.get("ov-a")?.stale).toBe(false);
      expect(byCode.get("ov-b")?.lastRun?.status).toBe("failed");
      expect(byCode.get("ov-b")?.lastSuccessAt).not.toBeNull();
      expect(byCode.get("ov-b")?.stale).toBe(true);
      // Inactive: never synced, never stale (the marketplace_silent alert skips it too).
      expect(byCode.get("ov-c")?.lastRun).toBeNull();
      expect(byCode.get("ov-c")?.stale).toBe(false);
    });

    it("groups open alerts by kind; a long group starts folded with its count", () => {
      const many = Array.from({ length: 12 }, (_, i) => ({
        id: 1000 + i,
        kind: "drift" as const,
        subject: `bm-fr:SKU-${i}`,
        openedAt: now.toISOString(),
        details: {},
      }));
      const html = markup({ ...overview, alerts: [...many, ...overview.alerts] });
      const groups = [...html.matchAll(/<details( open="")?[^>]*><summary[^>]*>([^<]*)/g)].map(
        (m) => [m[2]?.replace(/<!-- -->/g, ""), Boolean(m[1])],
      );
      expect(groups).toEqual([
        ["Pushes failing · 1 open", true],
        ["Stock drift · 12 open", false],
      ]);
      expect(html.match(/data-alert-kind="drift"/g)).toHaveLength(12);
    });

    it("shows every figure, the open alert and the stale marketplace", () => {
      const html = markup(overview);
      expect(figure(html, "pushes-pending")).toBe(overview.pushes.pending);
      expect(html).toMatch(/data-testid="pushes-failing"[^>]*>1 failing</);
      expect(figure(html, "oversold")).toBe(1);
      expect(figure(html, "unmapped-skus")).toBe(2);
      expect(figure(html, "active-locks")).toBe(2);
      expect(html).toMatch(/data-testid="stale-locks"[^>]*>1 stale</);
      expect(figure(html, "orders-today")).toBe(overview.today.orders);
      expect(figure(html, "locks-today")).toBe(overview.today.locks);
      expect(html).toContain(`href="/orders?from=${overview.today.day}"`);
      expect(html).toContain('href="/v2/listing?flag=failing"');
      expect(html).toContain('href="/orders?unmapped=1"');
      expect(html).not.toContain('data-testid="all-clear"');

      const text = shown(overview);
      expect(text).toContain("Needs attention: 1 open alert.");
      expect(text).toContain("Pushes failing · 1 open");
      expect(text).toContain("Pushes failing ov-b:OV-FAIL");
      expect(text).toContain("attempts=2, lastError=answered 503");
      expect(text).toContain("3 open lines without a lock");
      expect(text).not.toContain("OV-GONE");
      expect(html).toMatch(/data-marketplace="ov-b" data-stale="true"/);
      expect(html).not.toMatch(/data-marketplace="ov-a" data-stale/);
      expect(text).toMatch(/ov-c inactive never synced/);
    });
  });
});
