import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { ErrorPanel } from "@/components/ui/error-panel";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { syncRunList } from "@/lib/lists/sync-runs";
import { countFailingPushes } from "@/lib/queries/listing";
import { listActiveMarketplaceOptions, marketplaceFilterOptions } from "@/lib/queries/marketplaces";
import { settle } from "@/lib/queries/settle";
import { listSyncRuns, syncActivityByDay } from "@/lib/queries/sync-runs";
import { orderSyncTypes } from "@/lib/sync/options";
import { SyncActivityChart } from "./_components/sync-activity-chart";
import { SyncNowForm } from "./_components/sync-now-form";
import { SyncRunsTable } from "./_components/sync-runs-table";

export const metadata: Metadata = { title: "Sync" };

/** What the page's "sync now" offers (the stock sync has its button on /v2/listing). */
const syncNowTypes = [...orderSyncTypes, "all"] as const;

export default async function SyncPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePageRole("viewer");
  const { values, invalid } = parseListParams(syncRunList, await searchParams);
  const db = await getDb();
  const runs = settle("sync runs", () => listSyncRuns(db, values));
  const [marketplaces, active] = await Promise.all([
    marketplaceFilterOptions(db),
    hasRole(user, "operator") ? listActiveMarketplaceOptions(db) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Sync"
        description="Order and stock sync runs: progress, counts, errors, durations."
        actions={active ? <SyncNowForm types={syncNowTypes} marketplaces={active} /> : null}
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<div className="mb-3 h-6" />}>
        <FailingPushes />
      </Suspense>
      <Suspense
        fallback={<div className="mb-3 h-44 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />}
      >
        <ActivityChart />
      </Suspense>
      <Suspense fallback={<DataTableSkeleton columns={9} />}>
        <SyncRunsTable promise={runs} marketplaces={marketplaces} />
      </Suspense>
    </>
  );
}

async function ActivityChart() {
  const db = await getDb();
  const result = await settle("sync activity", () => syncActivityByDay(db, 30));
  if (!result.ok) return <ErrorPanel title="Chart unavailable" message={result.error.message} />;
  return <SyncActivityChart days={result.data} />;
}

/** Failing pushes (pending, with at least one failed attempt), linked to the listings. */
async function FailingPushes() {
  const db = await getDb();
  const result = await settle("failing pushes", () => countFailingPushes(db));
  if (!result.ok) return <ErrorPanel title="Pushes unavailable" message={result.error.message} />;
  const failing = result.data;
  return (
    <p
      className={`mb-3 text-sm ${failing > 0 ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
    >
      <Link
        href="/v2/listing?flag=failing"
        className="hover:underline"
        data-testid="failing-pushes"
      >
        {failing.toLocaleString("en")} failing {failing === 1 ? "push" : "pushes"}
      </Link>{" "}
      <span className="text-zinc-500 dark:text-zinc-400">
        (queued, last attempt failed; retried automatically)
      </span>
    </p>
  );
}
