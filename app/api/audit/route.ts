import { withRole } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { auditFiltersSchema, listAuditEntries } from "@/lib/audit/query";

export const dynamic = "force-dynamic";

/** The audit log as JSON for admins (same filters as /audit: action, actor, outcome, page). */
export const GET = withRole("admin", async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = auditFiltersSchema.parse(params);
  const { rows, total } = await listAuditEntries(await getDb(), filters);
  return Response.json({ total, page: filters.page, pageSize: filters.pageSize, entries: rows });
});
