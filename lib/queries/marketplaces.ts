import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { marketplaces } from "@/db/schema";
import type { SyncStatus } from "@/db/schema/enums";

export interface MarketplaceHealth {
  id: number;
  code: string;
  name: string;
  active: boolean;
  lastStatus: SyncStatus | null;
  lastStartedAt: Date | null;
}

/** Every marketplace with the status of its most recent sync run (the sidebar's dots). */
export async function listMarketplaceHealth(db: Executor): Promise<MarketplaceHealth[]> {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    active: boolean;
    last_status: SyncStatus | null;
    last_started_at: string | Date | null;
  }>(
    db,
    sql`select m.id, m.code, m.name, m.active, r.status as last_status, r.started_at as last_started_at
        from marketplaces m
        left join lateral (
          select status, started_at from sync_runs
          where marketplace_id = m.id
          order by started_at desc
          limit 1
        ) r on true
        order by m.name`,
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    active: row.active,
    lastStatus: row.last_status,
    lastStartedAt: row.last_started_at ? new Date(row.last_started_at) : null,
  }));
}

/** id, code and name of every marketplace: filter options. */
export async function listMarketplaceOptions(
  db: Executor,
): Promise<{ id: number; code: string; name: string }[]> {
  return db
    .select({ id: marketplaces.id, code: marketplaces.code, name: marketplaces.name })
    .from(marketplaces)
    .orderBy(asc(marketplaces.name));
}

/** Every marketplace as a filter option: its id in the URL, its code on screen. */
export async function marketplaceFilterOptions(
  db: Executor,
): Promise<{ value: string; label: string }[]> {
  const rows = await listMarketplaceOptions(db);
  return rows.map((row) => ({ value: String(row.id), label: row.code }));
}

/** The active marketplaces (what "sync now" can target), by code. */
export async function listActiveMarketplaceOptions(
  db: Executor,
): Promise<{ id: number; code: string }[]> {
  return db
    .select({ id: marketplaces.id, code: marketplaces.code })
    .from(marketplaces)
    .where(eq(marketplaces.active, true))
    .orderBy(asc(marketplaces.code));
}
