import { describe, expect, it } from "vitest";
import { batchedAhead, forEachConcurrent } from "./concurrent";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function* numbers(count: number, pulled: number[]) {
  for (let i = 0; i < count; i++) {
    pulled.push(i);
    yield i;
  }
}

describe("forEachConcurrent", () => {
  it("processes every item with at most N in flight", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrent(numbers(20, []), 4, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await pause(5 + (n % 3));
      done.push(n);
      running--;
    });
    expect(done.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(peak).toBe(4);
  });

  it("stops pulling after a failure, lets in-flight items finish, and rethrows", async () => {
    const pulled: number[] = [];
    const finished: number[] = [];
    const run = forEachConcurrent(numbers(100, pulled), 3, async (n) => {
      await pause(n === 2 ? 1 : 10);
      if (n === 2) throw new Error("boom");
      finished.push(n);
    });
    await expect(run).rejects.toThrow("boom");
    expect(pulled.length).toBeLessThan(10);
    expect(finished).toEqual(expect.arrayContaining([0, 1]));
  });
});

describe("batchedAhead", () => {
  it("yields every item in batches and pulls the next batch while one is processed", async () => {
    const pulled: number[] = [];
    const seenWhenProcessing: number[] = [];
    const batches: number[][] = [];
    for await (const batch of batchedAhead(numbers(7, pulled), 3)) {
      await pause(5);
      seenWhenProcessing.push(pulled.length);
      batches.push(batch);
    }
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(seenWhenProcessing[0]).toBe(6); // the second batch was pulled during the first
  });
});

describe("a source that fails part way", () => {
  async function* failsAfter(count: number) {
    for (let i = 0; i < count; i++) yield i;
    throw new Error("page 3 could not be read");
  }

  it("hands on the items read before the failure as a last batch, then rethrows", async () => {
    const batches: number[][] = [];
    const run = (async () => {
      for await (const batch of batchedAhead(failsAfter(5), 100)) batches.push(batch);
    })();
    await expect(run).rejects.toThrow("page 3 could not be read");
    expect(batches).toEqual([[0, 1, 2, 3, 4]]);
  });

  it("finishes the work in flight before forEachConcurrent rethrows the source's error", async () => {
    const finished: number[][] = [];
    const run = forEachConcurrent(batchedAhead(failsAfter(5), 2), 2, async (batch) => {
      await pause(20);
      finished.push(batch);
    });
    await expect(run).rejects.toThrow("page 3 could not be read");
    expect(finished.flat().sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
