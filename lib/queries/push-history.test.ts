// A listing's push history (what /v2/listing/[id] shows) and the failing-push count on /sync,
// against real PostgreSQL. (Fails on the code before it: there was no push ledger, no history
// query and no failing count.)
import { sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PushHistoryTable } from "@/app/(dashboard)/v2/listing/[id]/_components/push-history-table";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { countFailingPushes } from "./listing";
import { getListingPushHistory, PUSH_HISTORY_LIMIT } from "./push-history";

const database = useTestDatabase();

describe("push history and failing pushes (real PostgreSQL)", () => {
  let listingId: number;
  let marketplaceId: number;
  let variationId: number;

  beforeAll(async () => {
    const db = database.current.db;
    marketplaceId = await createMarketplace(db);
    const other = await createMarketplace(db);
    const ids = await createVariations(db, [
      { sku: "PH-ONE", onHand: 3 },
      { sku: "PH-TWO", onHand: 3 },
      { sku: "PH-THREE", onHand: 3 },
    ]);
    variationId = ids.get("PH-ONE") as number;
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
            push_pending_since, push_attempts, push_last_error)
          values
            (${marketplaceId}, ${variationId}, 'L-1', now() - interval '1 hour', 2, 'HTTP 503'),
            (${marketplaceId}, ${ids.get("PH-TWO") as number}, 'L-2', now(), 0, null),
            (${other}, ${ids.get("PH-THREE") as number}, 'L-3', now(), 1, 'HTTP 500'),
            (${other}, ${variationId}, 'L-4', null, 0, null)
          returning id`,
    );
    listingId = row?.id as number;
    // 60 attempts of this listing, one a minute; and attempts of the same variation elsewhere.
    await db.execute(
      sql`insert into stock_pushes (marketplace_id, variation_id, quantity, status, http_status,
            error, attempted_at, duration_ms)
          select ${marketplaceId}, ${variationId}, n % 7,
            case when n % 3 = 0 then 'failed' when n % 3 = 1 then 'sent' else 'superseded' end,
            case when n % 3 = 0 then 503 else null end,
            case when n % 3 = 0 then 'POST /ws/listings/L-1 answered HTTP 503: down' else null end,
            now() - make_interval(mins => n), n * 10
          from generate_series(1, 60) n`,
    );
    await db.execute(
      sql`insert into stock_pushes (marketplace_id, variation_id, quantity, status, attempted_at)
          values (${other}, ${variationId}, 9, 'sent', now())`,
    );
  });

  it("returns the listing's last 50 attempts, newest first, as stored", async () => {
    const db = database.current.db;
    const history = await getListingPushHistory(db, listingId);
    if (!history) throw new Error("no history");
    expect(history.listing).toMatchObject({
      id: listingId,
      sku: "PH-ONE",
      pushState: "failing",
      pushAttempts: 2,
      pushLastError: "HTTP 503",
    });
    const stored = await queryRows<{
      id: number;
      attempted_at: Date;
      quantity: number;
      status: string;
      http_status: number | null;
      error: string | null;
      duration_ms: number | null;
    }>(
      db,
      sql`select id, attempted_at, quantity, status, http_status, error, duration_ms
          from stock_pushes where marketplace_id = ${marketplaceId} and variation_id = ${variationId}
          order by attempted_at desc limit ${PUSH_HISTORY_LIMIT}`,
    );
    expect(history.attempts).toHaveLength(50);
    expect(
      history.attempts.map((a) => [
        a.id,
        a.attemptedAt.getTime(),
        a.quantity,
        a.status,
        a.httpStatus,
        a.error,
        a.durationMs,
      ]),
    ).toEqual(
      stored.map((s) => [
        Number(s.id),
        new Date(s.attempted_at).getTime(),
        s.quantity,
        s.status,
        s.http_status,
        s.error,
        s.duration_ms,
      ]),
    );

    // What the page shows: one table row per attempt, with its status, HTTP status and error.
    const html = renderToStaticMarkup(
      createElement(PushHistoryTable, { attempts: history.attempts }),
    );
    expect(html.match(/<tr/g)).toHaveLength(51);
    const first = history.attempts[0];
    expect(html).toContain(`dateTime="${first?.attemptedAt.toISOString()}"`);
    expect(html).toContain("answered HTTP 503: down");
    expect(html).toContain(">superseded<");
    expect(html).toContain("10 ms");
  });

  it("has no history for an unknown listing, and an empty one for a listing never pushed", async () => {
    const db = database.current.db;
    expect(await getListingPushHistory(db, 2_000_000_000)).toBeNull();
    const html = renderToStaticMarkup(createElement(PushHistoryTable, { attempts: [] }));
    expect(html).toContain("No push attempts");
  });

  it("counts failing pushes as a direct SQL count does (pending, ≥ 1 failed attempt)", async () => {
    const db = database.current.db;
    const [direct] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from marketplace_stock
          where push_pending_since is not null and push_attempts > 0`,
    );
    expect(direct?.n).toBe(2);
    expect(await countFailingPushes(db)).toBe(direct?.n);
  });
});
