import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { PageHeader } from "@/components/ui/page-header";
import { StatCardsSkeleton } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { getOverview } from "@/lib/queries/overview";
import { settle } from "@/lib/queries/settle";
import { OverviewState } from "./_components/overview-view";

export const metadata: Metadata = { title: "Overview" };

/** `/`: what staff check first — open alerts, pushes, oversold, unmapped, syncs, today. */
export default async function OverviewPage() {
  await requirePageRole("viewer");
  return (
    <>
      <PageHeader
        title="Overview"
        description="Open alerts, pushes waiting or failing, stock that needs a person, the last sync of each marketplace, and today's orders and locks."
      />
      <Suspense fallback={<StatCardsSkeleton count={6} />}>
        <OverviewContent />
      </Suspense>
    </>
  );
}

async function OverviewContent() {
  const e = env();
  const db = await getDb();
  const result = await settle("overview", () =>
    getOverview(db, {
      staleLockDays: e.STALE_LOCK_DAYS,
      marketplaceSilentMinutes: e.ALERT_MARKETPLACE_SILENT_MINUTES,
    }),
  );
  return <OverviewState result={result} />;
}
