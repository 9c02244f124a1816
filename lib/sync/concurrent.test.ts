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
