// Runs `work` over an async iterable with at most `concurrency` items in flight: orders of a
// page are imported side by side (each in its own transaction) while the next page loads.
// The first error stops pulling new items; in-flight ones finish, then it is rethrown.
export async function forEachConcurrent<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    if (failure) break;
    const task = work(item).then(
      () => {
        inFlight.delete(task);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= { error };
      },
    );
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}
