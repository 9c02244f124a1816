// PagingGuard on its own: every way a listing can fail to end is cut, with a reason.
import { describe, expect, it } from "vitest";
import { PagingGuard } from "./paging-guard";

const idOf = (raw: unknown) => String((raw as { id: number }).id);
const items = (...ids: number[]) => ids.map((id) => ({ id }));

describe("PagingGuard", () => {
  it("follows fresh pages and ends where the marketplace says", () => {
    const guard = new PagingGuard("ListOrders", 10, idOf);
    expect(guard.afterPage(items(1, 2), "2")).toEqual({ kind: "follow", cursor: "2" });
    expect(guard.afterPage(items(3), undefined)).toEqual({ kind: "end" });
  });

  it("stops on a cursor cycle longer than one page even when each page brings new items", () => {
    const guard = new PagingGuard("ListOrders", 10, idOf);
    expect(guard.afterPage(items(1, 2), "a").kind).toBe("follow");
    expect(guard.afterPage(items(3, 4), "b").kind).toBe("follow");
    const step = guard.afterPage(items(5, 6), "a");
    expect(step.kind).toBe("stop");
    if (step.kind === "stop") {
      expect(step.error.message).toMatch(
        /ListOrders: paging stopped after 3 pages \(page 3 points back to a page already read \(a\)\)/,
      );
    }
  });

  it("stops on a page of items already read, and past the page limit", () => {
    const repeating = new PagingGuard("GET /ws/orders", 10, idOf);
    repeating.afterPage(items(1, 2), "p2");
    expect(repeating.afterPage(items(2, 1), "p3").kind).toBe("stop");
    const limited = new PagingGuard("GET /ws/orders", 2, idOf);
    expect(limited.afterPage(items(1), "p2").kind).toBe("follow");
    const step = limited.afterPage(items(2), "p3");
    expect(step.kind === "stop" && step.error.message).toMatch(/2 pages read, the limit/);
  });
});
