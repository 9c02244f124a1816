// Axis ticks that tell the truth: counts on whole numbers from 0 (no "1 error" label when
// there are none), and a time axis labelled with real buckets only.

/** 1, 2, 5, 10, 20, 50, …: the smallest of these at least `raw`. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * magnitude >= raw) return factor * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Whole-number ticks from 0 that cover `max` with at most `maxTicks` ticks; `[0]` when max is
 * 0 (nothing above zero is claimed). The axis' top is the last tick.
 */
export function integerTicks(max: number, maxTicks = 5): number[] {
  const top = Math.ceil(Math.max(0, max));
  if (top === 0) return [0];
  const step = niceStep(Math.max(1, top / Math.max(1, maxTicks - 1)));
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) ticks.push(tick);
  return ticks;
}

/** The axis domain for those ticks (a zero-only axis still needs a height: [0, 1]). */
export function integerDomain(ticks: readonly number[]): [number, number] {
  const top = ticks.at(-1) ?? 0;
  return [0, Math.max(1, top)];
}

/** Every n-th bucket, counted back from the latest (always labelled), at most `maxLabels`. */
export function bucketTicks<T>(buckets: readonly T[], maxLabels = 8): T[] {
  if (buckets.length === 0) return [];
  const every = Math.max(1, Math.ceil(buckets.length / maxLabels));
  return buckets.filter((_, i) => (buckets.length - 1 - i) % every === 0);
}
