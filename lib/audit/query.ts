import "server-only";
import { count, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { auditList } from "@/lib/lists/audit";
import type { ListValues } from "@/lib/lists/define";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "@/lib/queries/table-query";

export type AuditSearch = ListValues<typeof auditList>;
export type AuditRow = typeof auditLog.$inferSelect;

const filterDefs: ListFilterSql<typeof auditList> = {
  action: {
    kind: "where",
    build: (action) => sql`${auditLog.action} ilike ${likePattern(action, "prefix")}`,
  },
  actor: {
    kind: "where",
    build: (actor) =>
      sql`${auditLog.actorEmail} ilike ${likePattern(actor.toLowerCase(), "contains")}`,
  },
  outcome: { kind: "eq", expr: auditLog.outcome },
};

const sortable: ListSortSql<typeof auditList> = {
  createdAt: auditLog.createdAt,
  actor: auditLog.actorEmail,
  action: auditLog.action,
};

function selectEntries(executor: Executor, search: AuditSearch, limit: number, offset: number) {
  return executor
    .select()
    .from(auditLog)
    .where(buildWhere(filterDefs, search))
    .orderBy(...buildOrderBy(sortable, search.sort, auditLog.id))
    .limit(limit)
    .offset(offset);
}

/** One page of audit entries and the total that match the filters (newest first by default). */
export async function listAuditEntries(
  executor: Executor,
  search: AuditSearch,
): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, totals] = await Promise.all([
    selectEntries(executor, search, search.perPage, pageOffset(search.page, search.perPage)),
    executor.select({ total: count() }).from(auditLog).where(buildWhere(filterDefs, search)),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Every matching entry, in pages (CSV export). */
export function iterateAuditEntries(
  executor: Executor,
  search: AuditSearch,
): AsyncGenerator<AuditRow[]> {
  return batchesOf((limit, offset) => selectEntries(executor, search, limit, offset));
}
