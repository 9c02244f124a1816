// What bench:window reports for one path: the window per channel pair, each channel's share of
// its request budget (and of it, the new-order poll's), and Back Market's listing updates an
// hour against its ~2,000.
import { benchChannels } from "./channels";
import type { SimulatorReport } from "./simulator-thread";
import { oversellWindows, peakSpend, percentile } from "./windows";

export interface WindowRow {
  from: string;
  to: string;
  sales: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** The sale's own window (windows.ts): without earlier sales still on their way. */
  ownP50Ms: number | null;
  ownP95Ms: number | null;
  unanswered: number;
}

export interface BudgetRow {
  channel: string;
  /** What the budget counts: requests, or Shopify's cost points. */
  unit: "requests" | "points";
  requests: number;
  /** Units spent (the requests, or the points they cost). */
  used: number;
  /** Units spent ÷ what the limit allows over the measured time, in %. */
  budgetPercent: number;
  pollRequests: number;
  pollBudgetPercent: number;
  /** The most units spent in any one limit window, and the limit. */
  busiestWindow: number;
  limit: number;
  windowSeconds: number;
  refused: number;
}

export interface PathSummary {
  path: string;
  pollSeconds: number;
  measuredSeconds: number;
  ordersPlaced: Record<string, number>;
  windows: WindowRow[];
  budget: BudgetRow[];
  backMarketListingUpdates: {
    perHour: number;
    busiestListingPerHour: number;
    limitPerHour: number;
  };
  endpoints: SimulatorReport["tallies"];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarise(
  path: string,
  pollSeconds: number,
  report: SimulatorReport,
  stock: Record<string, number>,
  measuredMs: number,
): PathSummary {
  const names = benchChannels.map((channel) => channel.name);
  const windows = oversellWindows(report.placements, report.updates, stock, names).map(
    (pair): WindowRow => ({
      from: pair.from,
      to: pair.to,
      sales: pair.windowsMs.length + pair.unanswered,
      p50Ms: percentile(pair.windowsMs, 50),
      p95Ms: percentile(pair.windowsMs, 95),
      maxMs: pair.windowsMs.length ? Math.max(...pair.windowsMs) : null,
      ownP50Ms: percentile(pair.ownWindowsMs, 50),
      ownP95Ms: percentile(pair.ownWindowsMs, 95),
      unanswered: pair.unanswered,
    }),
  );
  const budget = benchChannels.map((channel): BudgetRow => {
    const { limit, windowMs } = channel.limits.requests;
    const allowed = (limit * measuredMs) / windowMs;
    const spends = report.spends[channel.name] ?? [];
    const pollSpends = report.pollSpends[channel.name] ?? [];
    const sum = (list: typeof spends) => list.reduce((total, spend) => total + spend.units, 0);
    return {
      channel: channel.name,
      unit: channel.limits.unit,
      requests: spends.length,
      used: sum(spends),
      budgetPercent: round1((100 * sum(spends)) / allowed),
      pollRequests: pollSpends.length,
      pollBudgetPercent: round1((100 * sum(pollSpends)) / allowed),
      busiestWindow: peakSpend(spends, windowMs),
      limit,
      windowSeconds: windowMs / 1000,
      refused: report.refused[channel.name] ?? 0,
    };
  });
  const hours = measuredMs / 3_600_000;
  const bmUpdates = report.updates.filter((update) => update.channel === "backmarket");
  const perListing = new Map<string, number>();
  for (const update of bmUpdates) perListing.set(update.sku, (perListing.get(update.sku) ?? 0) + 1);
  const ordersPlaced: Record<string, number> = {};
  for (const sale of report.placements) {
    ordersPlaced[sale.channel] = (ordersPlaced[sale.channel] ?? 0) + 1;
  }
  return {
    path,
    pollSeconds,
    measuredSeconds: Math.round(measuredMs / 1000),
    ordersPlaced,
    windows,
    budget,
    backMarketListingUpdates: {
      perHour: Math.round(bmUpdates.length / hours),
      busiestListingPerHour: Math.round(Math.max(0, ...perListing.values()) / hours),
      limitPerHour:
        benchChannels.find((c) => c.name === "backmarket")?.limits.listingUpdates?.limit ?? 0,
    },
    endpoints: report.tallies.sort((a, b) => b.count - a.count),
  };
}

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const labelOf = (name: string) => benchChannels.find((c) => c.name === name)?.label ?? name;

export function printSummary(summary: PathSummary): void {
  const mode =
    summary.pollSeconds > 0 ? `new-order poll every ${summary.pollSeconds} s` : "5-minute schedule";
  console.log(`\n== ${summary.path} · ${mode} · ${summary.measuredSeconds} s measured`);
  console.log(
    `orders placed: ${Object.entries(summary.ordersPlaced)
      .map(([name, n]) => `${labelOf(name)} ${n}`)
      .join(", ")}`,
  );
  console.log("window (sale → lower quantity on the other channel)");
  console.log(
    "  pair                     sales     p50      p95      max   unanswered   own p50  own p95",
  );
  for (const row of summary.windows) {
    const pair = `${labelOf(row.from)} → ${labelOf(row.to)}`.padEnd(24);
    console.log(
      `  ${pair} ${String(row.sales).padStart(5)} ${seconds(row.p50Ms).padStart(8)} ${seconds(row.p95Ms).padStart(8)} ${seconds(row.maxMs).padStart(8)} ${String(row.unanswered).padStart(8)}  ${seconds(row.ownP50Ms).padStart(8)} ${seconds(row.ownP95Ms).padStart(8)}`,
    );
  }
  console.log(
    "  (own: the sale's own news, leaving out earlier sales of the SKU still on their way)",
  );
  console.log("request budget (share of what the published limit allows over the run)");
  for (const row of summary.budget) {
    const spent = row.unit === "points" ? ` (${row.used} cost points)` : "";
    console.log(
      `  ${labelOf(row.channel).padEnd(12)} ${String(row.requests).padStart(6)} requests${spent} = ${row.budgetPercent}% · polling ${row.pollRequests} = ${row.pollBudgetPercent}% · busiest ${row.windowSeconds} s: ${row.busiestWindow}/${row.limit} ${row.unit} · 429s: ${row.refused}`,
    );
  }
  const bm = summary.backMarketListingUpdates;
  console.log(
    `Back Market listing updates: ${bm.perHour}/h in all (limit ~${bm.limitPerHour}/h), busiest listing ${bm.busiestListingPerHour}/h`,
  );
}
