import type { Overview } from "@/lib/queries/overview";
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
