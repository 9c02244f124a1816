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

/** Groups an async iterable into arrays of up to `size` items. */
export async function* batched<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Like `batched`, but the next batch is already being pulled (the next page fetched) while the
 * caller works on the current one.
 */
export async function* batchedAhead<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  const source = batched(items, size)[Symbol.asyncIterator]();
  let next = source.next();
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = source.next();
    // Surfaced when awaited above; not an unhandled rejection if the caller stops first.
    next.catch(() => {});
    yield result.value;
  }
}
