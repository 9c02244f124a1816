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
  try {
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
  } catch (error) {
    // The source failed (a page that could not be read): the work already handed out still
    // finishes (those orders are stored) before the failure goes on.
    failure ??= { error };
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}

/**
 * Groups an async iterable into arrays of up to `size` items. When the source fails, the
 * items read so far are still handed on as a last batch before the error: a page that cannot
 * be read must not take the orders of the pages before it down with it.
 */
export async function* batched<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    throw error;
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
