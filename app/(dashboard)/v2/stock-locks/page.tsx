import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { StatCardsSkeleton } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { lockList } from "@/lib/lists/stock-locks";
import { marketplaceFilterOptions } from "@/lib/queries/marketplaces";
import { settle } from "@/lib/queries/settle";
import { listLocks, staleBefore } from "@/lib/queries/stock-locks";
import { LockSummaryCards } from "./_components/lock-summary-cards";
import { LocksTable } from "./_components/locks-table";

export const metadata: Metadata = { title: "Stock locks" };

export default async function StockLocksPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePageRole("viewer");
  const { values, invalid } = parseListParams(lockList, await searchParams);
  const staleDays = values.staleDays ?? env().STALE_LOCK_DAYS;
  const db = await getDb();
  const locks = settle("stock locks", () => listLocks(db, values, staleDays));
  const marketplaces = await marketplaceFilterOptions(db);

  return (
    <>
      <PageHeader
        title="Stock locks"
        description={`Every lock held for an order line. Active locks older than ${staleDays} days are flagged stale; locks whose line vanished from its marketplace order, or whose item shipped after a release, are flagged for attention (release a vanished line's lock from its order, with a reason).`}
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<StatCardsSkeleton count={6} />}>
        <LockSummaryCards staleDays={staleDays} />
      </Suspense>
      <Suspense fallback={<DataTableSkeleton columns={10} />}>
        <LocksTable
          promise={locks}
          marketplaces={marketplaces}
          staleBefore={staleBefore(staleDays).toISOString()}
        />
      </Suspense>
    </>
  );
}
