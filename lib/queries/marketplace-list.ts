import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { marketplaces } from "@/db/schema";
import type { AcceptPolicy, Provider, SyncStatus } from "@/db/schema/enums";
import type { ListValues } from "@/lib/lists/define";
import type { marketplaceList } from "@/lib/lists/marketplaces";
import { tokenConfigured } from "@/lib/validations/token-env";
import {
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export type MarketplaceSearch = ListValues<typeof marketplaceList>;

export interface MarketplaceRow {
  id: number;
  code: string;
  name: string;
  provider: Provider;
  baseUrl: string;
  tokenEnv: string;
  tokenConfigured: boolean;
  country: string | null;
  acceptPolicy: AcceptPolicy;
  active: boolean;
  listings: number;
  openOrders: number;
  lastStatus: SyncStatus | null;
  lastRunAt: Date | null;
}

// The outer row's id, qualified by hand: in a single-table select drizzle renders
// ${marketplaces.id} as a bare "id", which inside these subqueries would bind to the
// subquery's own table (sync_runs.id, orders.id…) and count the wrong rows.
const marketplaceId = sql`${sql.identifier("marketplaces")}.${sql.identifier("id")}`;

const lastRun = sql`(select r.started_at from sync_runs r where r.marketplace_id = ${marketplaceId} order by r.started_at desc limit 1)`;

const filterDefs: ListFilterSql<typeof marketplaceList> = {
  provider: { kind: "in", expr: marketplaces.provider },
  active: { kind: "where", build: (active) => sql`${marketplaces.active} = ${active === "yes"}` },
  q: {
    kind: "where",
    build: (q) =>
      sql`(${marketplaces.code} ilike ${likePattern(q, "contains")} or ${marketplaces.name} ilike ${likePattern(q, "contains")})`,
  },
};

const sortable: ListSortSql<typeof marketplaceList> = {
  code: marketplaces.code,
  name: marketplaces.name,
  provider: marketplaces.provider,
  lastRunAt: lastRun,
};

export async function listMarketplaces(
  db: Executor,
  search: MarketplaceSearch,
): Promise<{ rows: MarketplaceRow[]; total: number }> {
  const where = buildWhere(filterDefs, search);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: marketplaces.id,
        code: marketplaces.code,
        name: marketplaces.name,
        provider: marketplaces.provider,
        baseUrl: marketplaces.baseUrl,
        tokenEnv: marketplaces.tokenEnv,
        country: marketplaces.country,
        acceptPolicy: marketplaces.acceptPolicy,
        active: marketplaces.active,
        listings: sql<number>`(select count(*)::int from marketplace_stock ms where ms.marketplace_id = ${marketplaceId})`,
        openOrders: sql<number>`(select count(*)::int from orders o where o.marketplace_id = ${marketplaceId} and o.status in ('pending', 'new', 'accepted'))`,
        lastStatus: sql<SyncStatus | null>`(select r.status from sync_runs r where r.marketplace_id = ${marketplaceId} order by r.started_at desc limit 1)`,
        lastRunAt: sql<Date | null>`${lastRun}`.mapWith((v: string | Date | null) =>
          v ? new Date(v) : null,
        ),
      })
      .from(marketplaces)
      .where(where)
      .orderBy(...buildOrderBy(sortable, search.sort, marketplaces.id))
      .limit(search.perPage)
      .offset(pageOffset(search.page, search.perPage)),
    db.select({ total: count() }).from(marketplaces).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, tokenConfigured: tokenConfigured(row.tokenEnv) })),
    total: totals?.total ?? 0,
  };
}

export async function getMarketplace(db: Executor, id: number) {
  const [row] = await db.select().from(marketplaces).where(eq(marketplaces.id, id));
  return row ?? null;
}
