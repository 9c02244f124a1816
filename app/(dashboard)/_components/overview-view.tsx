import { ErrorPanel } from "@/components/ui/error-panel";
import type { Overview } from "@/lib/queries/overview";
import type { QueryResult } from "@/lib/queries/settle";
import { AttentionBanner, OverviewCards } from "./overview-cards";
import { MarketplaceSyncs, OpenAlerts } from "./overview-lists";

/** The overview's content, from one Overview read (the page renders it; tests render it too). */
export function OverviewView({ overview }: { overview: Overview }) {
  return (
    <>
      <AttentionBanner overview={overview} />
      <OverviewCards overview={overview} />
      <OpenAlerts alerts={overview.alerts} />
      <MarketplaceSyncs marketplaces={overview.marketplaces} />
    </>
  );
}

/** The overview, or why it could not be read (the cause is logged by `settle`). */
export function OverviewState({ result }: { result: QueryResult<Overview> }) {
  if (!result.ok) return <ErrorPanel title="Overview unavailable" message={result.error.message} />;
  return <OverviewView overview={result.data} />;
}
