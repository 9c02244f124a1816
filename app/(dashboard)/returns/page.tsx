import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { StatCardsSkeleton } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { returnList } from "@/lib/lists/returns";
import { marketplaceFilterOptions } from "@/lib/queries/marketplaces";
import { listReturns } from "@/lib/queries/returns";
import { settle } from "@/lib/queries/settle";
import { ReturnSummaryCards } from "./_components/return-summary-cards";
import { ReturnsTable } from "./_components/returns-table";

export const metadata: Metadata = { title: "Returns" };

export default async function ReturnsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePageRole("viewer");
  const { values, invalid } = parseListParams(returnList, await searchParams);
  const db = await getDb();
  const returns = settle("returns", () => listReturns(db, values));
  const marketplaces = await marketplaceFilterOptions(db);

  return (
    <>
      <PageHeader
        title="Returns"
        description="Sold, shipped units that may come back: a refund after shipping, a care return or a Refurbed return makes an expected return; staff can record one from an order. Nothing goes back on hand until a received return is restocked (as its SKU or another one), which is pushed to every marketplace. Without a status filter the list shows expected and received returns."
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<StatCardsSkeleton count={4} />}>
        <ReturnSummaryCards />
      </Suspense>
      <Suspense fallback={<DataTableSkeleton columns={11} />}>
        <ReturnsTable
          promise={returns}
          marketplaces={marketplaces}
          canReceive={hasRole(user, "operator")}
          canResolve={hasRole(user, "admin")}
        />
      </Suspense>
    </>
  );
}
