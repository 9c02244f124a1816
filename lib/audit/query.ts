import "server-only";
import { and, count, desc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { auditLog, auditOutcomes } from "@/db/schema";

export const auditPageSizes = [25, 50, 100] as const;

/** The /audit filters, from the URL's search params; bad values fall back to the defaults. */
export const auditFiltersSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  outcome: z.enum(auditOutcomes).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  pageSize: z.coerce
    .number()
    .pipe(z.union(auditPageSizes.map((size) => z.literal(size))))
    .default(50)
    .catch(50),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export type AuditRow = typeof auditLog.$inferSelect;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(filters: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(ilike(auditLog.action, `${escapeLike(filters.action)}%`));
  if (filters.actor) {
    conditions.push(ilike(auditLog.actorEmail, `%${escapeLike(filters.actor.toLowerCase())}%`));
  }
  if (filters.outcome) conditions.push(eq(auditLog.outcome, filters.outcome));
  return conditions.length ? and(...conditions) : undefined;
}

/** One page of audit entries, newest first, and the total that match the filters. */
export async function listAuditEntries(
  executor: Executor,
  filters: AuditFilters,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = whereOf(filters);
  const [rows, totals] = await Promise.all([
    executor
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    executor.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
