import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/lib/audit/query";
import { auditList } from "@/lib/lists/audit";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { settle } from "@/lib/queries/settle";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePageRole("admin");
  const { values, invalid } = parseListParams(auditList, await searchParams);
  const db = await getDb();
  const entries = settle("audit log", () => listAuditEntries(db, values));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when, with which input and result. Newest first."
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<DataTableSkeleton columns={8} />}>
        <AuditTable promise={entries} />
      </Suspense>
    </>
  );
}
