import { withRole } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/lib/audit/query";
import { auditList } from "@/lib/lists/audit";
import { parseListParams } from "@/lib/lists/define";

export const dynamic = "force-dynamic";

/**
 * The audit log as JSON for admins, with the /audit page's parameters (action, actor, outcome,
 * page, perPage, sort; `pageSize` is still read as perPage). Bad values fall back to defaults.
 */
export const GET = withRole("admin", async (request) => {
  const params = new URL(request.url).searchParams;
  const pageSize = params.get("pageSize");
  if (pageSize !== null && !params.has("perPage")) params.set("perPage", pageSize);
  const { values } = parseListParams(auditList, params);
  const { rows, total } = await listAuditEntries(await getDb(), values);
  return Response.json({ total, page: values.page, pageSize: values.perPage, entries: rows });
});
