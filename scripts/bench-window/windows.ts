// The oversell window, from what the simulator saw: for each order placed on one channel, how
// long until every other channel that lists its SKU received a quantity no higher than the one
// that accounts for the sale (initial stock minus every unit sold up to and including it).
// That window also waits for earlier sales of the SKU still on their way (a Back Market sale
// the 20 s poll has not seen yet); the sale's own window does not: it leaves out the units of
// earlier sales the channel had not been answered for when this sale was placed (and those
// placed on the channel itself), so it measures how fast this sale's own news travels.
// Also percentiles and each channel's share of its request budget.
import type { Channel } from "@/lib/marketplaces/simulator/types";

/** A channel the bench sells on: the simulator's two marketplaces and the Shopify shop. */
export type BenchChannelName = Channel | "shopify";

export interface Placement {
  channel: BenchChannelName;
  sku: string;
  quantity: number;
  atMs: number;
}

export interface QuantityUpdate {
  channel: BenchChannelName;
  sku: string;
  quantity: number;
  atMs: number;
}

export interface PairWindows {
  from: BenchChannelName;
  to: BenchChannelName;
  /** Milliseconds from each sale to the update that accounts for it. */
  windowsMs: number[];
  /** Milliseconds from each sale to the update that accounts for it and what came before it. */
  ownWindowsMs: number[];
  /** Sales the other channel never heard of before the bench ended. */
  unanswered: number;
}

/** Windows per (from, to) channel pair; `stock` is each SKU's on-hand units at the start. */
export function oversellWindows(
  placements: readonly Placement[],
  updates: readonly QuantityUpdate[],
  stock: Readonly<Record<string, number>>,
  channels: readonly BenchChannelName[],
): PairWindows[] {
  const pairs = new Map<string, PairWindows>();
  for (const from of channels) {
    for (const to of channels) {
      if (from !== to) {
        pairs.set(`${from}>${to}`, { from, to, windowsMs: [], ownWindowsMs: [], unanswered: 0 });
      }
    }
  }
  const updatesOf = new Map<string, QuantityUpdate[]>();
  for (const update of [...updates].sort((a, b) => a.atMs - b.atMs)) {
    const key = `${update.channel}|${update.sku}`;
    updatesOf.set(key, [...(updatesOf.get(key) ?? []), update]);
  }
  const firstAtOrBelow = (to: BenchChannelName, sale: Placement, quantity: number) =>
    updatesOf
      .get(`${to}|${sale.sku}`)
      ?.find((update) => update.atMs >= sale.atMs && update.quantity <= quantity);
  /** Earlier sales of each SKU, with when each channel was answered for them. */
  const earlier = new Map<string, { sale: Placement; answeredAt: Map<string, number> }[]>();
  const sold = new Map<string, number>();
  for (const sale of [...placements].sort((a, b) => a.atMs - b.atMs)) {
    const soldSoFar = (sold.get(sale.sku) ?? 0) + sale.quantity;
    sold.set(sale.sku, soldSoFar);
    const shouldShow = Math.max(0, (stock[sale.sku] ?? 0) - soldSoFar);
    const before = earlier.get(sale.sku) ?? [];
    const answeredAt = new Map<string, number>();
    for (const to of channels) {
      const pair = pairs.get(`${sale.channel}>${to}`);
      if (!pair) continue;
      const answer = firstAtOrBelow(to, sale, shouldShow);
      if (answer) {
        pair.windowsMs.push(answer.atMs - sale.atMs);
        answeredAt.set(to, answer.atMs);
      } else pair.unanswered++;
      const onTheirWay = before
        .filter((e) => e.sale.channel === to || (e.answeredAt.get(to) ?? Infinity) > sale.atMs)
        .reduce((units, e) => units + e.sale.quantity, 0);
      const own = firstAtOrBelow(to, sale, Math.max(0, shouldShow + onTheirWay));
      if (own) pair.ownWindowsMs.push(own.atMs - sale.atMs);
    }
    earlier.set(sale.sku, [...before, { sale, answeredAt }]);
  }
  return [...pairs.values()];
}

/** The p-th percentile (nearest rank) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/** Something spent from a budget at a time: one request, or a request's cost points. */
export interface Spend {
  atMs: number;
  units: number;
}

/** The most requests that fell in any window of `windowMs` (a sliding window over the times). */
export function peakInWindow(timesMs: readonly number[], windowMs: number): number {
  return peakSpend(
    timesMs.map((atMs) => ({ atMs, units: 1 })),
    windowMs,
  );
}

/** The most units spent in any window of `windowMs` (a sliding window over the spends). */
export function peakSpend(spends: readonly Spend[], windowMs: number): number {
  const sorted = [...spends].sort((a, b) => a.atMs - b.atMs);
  let peak = 0;
  let inWindow = 0;
  let start = 0;
  for (const spend of sorted) {
    inWindow += spend.units;
    while (spend.atMs - (sorted[start]?.atMs ?? 0) >= windowMs) {
      inWindow -= sorted[start]?.units ?? 0;
      start++;
    }
    peak = Math.max(peak, inWindow);
  }
  return peak;
}
