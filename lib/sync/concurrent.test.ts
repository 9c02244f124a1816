import { describe, expect, it } from "vitest";
import { forEachConcurrent } from "./concurrent";

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
