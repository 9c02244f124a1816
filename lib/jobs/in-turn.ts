// A batch of work items run as one: items that share a key one after the other (in the batch's
// order), different keys at the same time. The queue worker's webhook jobs use it: deliveries
// about one order keep their order, while a slow one (its push drain) never holds up another.

/** Runs `work` on every item; resolves with the results in the items' order. */
export async function runInTurnByKey<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      for (const index of indexes) results[index] = await work(items[index] as T);
    }),
  );
  return results;
}
