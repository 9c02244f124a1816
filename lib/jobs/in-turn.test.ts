import { describe, expect, it } from "vitest";
import { runInTurnByKey } from "./in-turn";

describe("runInTurnByKey", () => {
  it("runs one key's items in order, other keys alongside", async () => {
    const events: string[] = [];
    const work = async (item: { key: string; name: string; ms: number }) => {
      events.push(`start ${item.name}`);
      await new Promise((resolve) => setTimeout(resolve, item.ms));
      events.push(`end ${item.name}`);
      return item.name;
    };
    const results = await runInTurnByKey(
      [
        { key: "order-1", name: "create", ms: 40 },
        { key: "item-7", name: "level", ms: 5 },
        { key: "order-1", name: "paid", ms: 5 },
      ],
      (item) => item.key,
      work,
    );
    expect(results).toEqual(["create", "level", "paid"]);
    // The level did not wait for the slow create; the paid delivery did.
    expect(events.indexOf("end level")).toBeLessThan(events.indexOf("end create"));
    expect(events.indexOf("start paid")).toBeGreaterThan(events.indexOf("end create"));
  });
});
