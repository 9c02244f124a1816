// The filtered lists behind the simulator's list endpoints, kept while the store does not
// change. A listing is read a page at a time; filtering every order of the store for each page
// made reading N orders cost N²/page (100,000 orders: 2,000 pages × 100,000 orders), where a
// marketplace's own database answers each page from an index. With the list kept per query
// and store revision, a listing walks the store once and then slices it.

/** At most this many queries are kept (the oldest goes first): memory stays a few lists. */
const MAX_ENTRIES = 16;

export class ListingCache<T> {
  private readonly entries = new Map<string, { revision: number; items: readonly T[] }>();

  /**
   * The list for `key` (everything that selects and orders it, not the page) at this store
   * revision: computed once, then shared by every page read before the store changes.
   */
  get(key: string, revision: number, compute: () => T[]): readonly T[] {
    const entry = this.entries.get(key);
    if (entry && entry.revision === revision) return entry.items;
    const items = compute();
    this.entries.delete(key);
    this.entries.set(key, { revision, items });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return items;
  }
}

/**
 * Where in `items` the items passing `passes` are, for a test that is a threshold on an order
 * the items are sorted by (e.g. `id > cursor` over items by ascending or descending id): they
 * are one run at the start or at the end, found by binary search instead of a filter over
 * every item.
 */
export function passingRun<T>(
  items: readonly T[],
  passes: (item: T) => boolean,
): { start: number; end: number } {
  const last = items[items.length - 1];
  if (last === undefined) return { start: 0, end: 0 };
  // Passing at the end: the run is a suffix; otherwise a prefix (possibly empty).
  if (passes(last)) return { start: firstIndexWhere(items, passes), end: items.length };
  return { start: 0, end: firstIndexWhere(items, (item) => !passes(item)) };
}

/** The first index at which `test` holds, for a test that holds from some index on. */
function firstIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}
