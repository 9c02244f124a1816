import { describe, expect, it } from "vitest";
import { type TimelineEntry, timelineRaw, timelineSentence } from "./timeline";

const at = new Date("2026-03-01T10:00:00Z");
const line = (over: Record<string, unknown> = {}) => ({
  orderItemId: 7,
  externalId: "82000015",
  sku: "MBA-M1-8-256-SG-A",
  variationId: 3,
  quantity: 1,
  status: "new",
  ...over,
});
const event = (type: string, payload: unknown): TimelineEntry => ({
  key: "e1",
  at,
  kind: "event",
  type,
  payload,
});
const movement = (over: Partial<Extract<TimelineEntry, { kind: "movement" }>>): TimelineEntry => ({
  key: "m1",
  at,
  kind: "movement",
  reason: "lock",
  itemExternalId: "82000015",
  sku: "MBA-M1-8-256-SG-A",
  lockedDelta: 1,
  onHandDelta: 0,
  actor: null,
  note: null,
  ...over,
});
const audit = (over: Partial<Extract<TimelineEntry, { kind: "audit" }>>): TimelineEntry => ({
  key: "a1",
  at,
  kind: "audit",
  action: "order.resynced",
  actor: "ops@example.com",
  outcome: "succeeded",
  result: null,
  ...over,
});

describe("timelineSentence: domain events", () => {
  it("OrderCreated: status, lines, units, and unmapped lines by SKU", () => {
    expect(
      timelineSentence(
        event("OrderCreated", {
          type: "OrderCreated",
          orderId: 1,
          status: "new",
          items: [line(), line({ externalId: "82000016", quantity: 2 })],
        }),
      ),
    ).toBe("Order received, status new: 2 lines, 3 units");
    expect(
      timelineSentence(
        event("OrderCreated", {
          status: "new",
          items: [line({ variationId: null, sku: "UNKNOWN-1" })],
        }),
      ),
    ).toBe(
      "Order received, status new: 1 line, 1 unit; 1 line unmapped (UNKNOWN-1): no lock until the SKU is mapped",
    );
  });

  it("OrderCreated of the older shape (a line count, no line details)", () => {
    expect(timelineSentence(event("OrderCreated", { orderId: 1, items: 6, status: "new" }))).toBe(
      "Order received, status new: 6 lines",
    );
  });

  it("OrderStatusChanged: from → to", () => {
    expect(
      timelineSentence(event("OrderStatusChanged", { from: "new", to: "accepted", items: [] })),
    ).toBe("Status new → accepted");
  });

  it("OrderItemsChanged: status, quantity, mapping, appeared, vanished, back", () => {
    const changed = (change: Record<string, unknown>) =>
      timelineSentence(event("OrderItemsChanged", { changes: [change] }));
    expect(changed({ item: line({ status: "accepted" }), from: "new", mapped: false })).toBe(
      "Line 82000015: status new → accepted",
    );
    expect(
      changed({ item: line({ quantity: 2 }), from: "new", mapped: false, quantityFrom: 1 }),
    ).toBe("Line 82000015: quantity 1 → 2");
    expect(changed({ item: line(), from: "new", mapped: true })).toBe(
      "Line 82000015: SKU MBA-M1-8-256-SG-A mapped to a variation",
    );
    expect(changed({ item: line(), from: null, mapped: false })).toBe(
      "Line 82000015 appeared: 1 unit of MBA-M1-8-256-SG-A, new",
    );
    expect(changed({ item: line(), from: "new", mapped: false, vanished: true })).toBe(
      "Line 82000015 vanished from the marketplace order: its lock is kept and flagged for staff",
    );
    expect(changed({ item: line(), from: "new", mapped: false, vanished: false })).toBe(
      "Line 82000015 is back in the marketplace order",
    );
    expect(
      timelineSentence(
        event("OrderItemsChanged", {
          changes: [
            { item: line({ status: "shipped" }), from: "accepted", mapped: false },
            {
              item: line({ externalId: "82000016", status: "cancelled" }),
              from: "new",
              mapped: false,
            },
          ],
        }),
      ),
    ).toBe("Line 82000015: status accepted → shipped; Line 82000016: status new → cancelled");
  });

  it("OrderItemsMapped: the SKU, the variation and how many lines can lock", () => {
    expect(
      timelineSentence(
        event("OrderItemsMapped", { sku: "X-1", variationId: 9, orderItemIds: [1, 2], orderId: 1 }),
      ),
    ).toBe("SKU X-1 mapped to variation 9: 2 lines can now be locked");
  });

  it("an unknown type or a payload of another shape reads as the event's name, never throws", () => {
    expect(timelineSentence(event("OrderTeleported", { anything: true }))).toBe(
      "Event OrderTeleported",
    );
    for (const payload of [null, "text", 42, [], { from: 1 }, { changes: [] }]) {
      for (const type of [
        "OrderCreated",
        "OrderStatusChanged",
        "OrderItemsChanged",
        "OrderItemsMapped",
      ]) {
        expect(timelineSentence(event(type, payload))).toBe(`Event ${type}`);
      }
    }
    expect(timelineSentence(event("", null))).toBe("Event (no type)");
  });
});

describe("timelineSentence: stock movements", () => {
  it("lock: units locked on the line, with the SKU", () => {
    expect(timelineSentence(movement({}))).toBe("Line 82000015: 1 unit locked (MBA-M1-8-256-SG-A)");
    expect(timelineSentence(movement({ lockedDelta: 3 }))).toBe(
      "Line 82000015: 3 units locked (MBA-M1-8-256-SG-A)",
    );
  });

  it("lock resized: the line's quantity changed on the marketplace", () => {
    expect(timelineSentence(movement({ lockedDelta: -1, note: "line quantity 2 → 1" }))).toBe(
      "Line 82000015: quantity changed on the marketplace, lock 2 → 1 unit (MBA-M1-8-256-SG-A)",
    );
  });

  it("consume: shipped, on hand drops; after a release: flagged", () => {
    expect(
      timelineSentence(movement({ reason: "consume", lockedDelta: -1, onHandDelta: -1 })),
    ).toBe("Line 82000015: 1 unit consumed (shipped), on hand -1 (MBA-M1-8-256-SG-A)");
    expect(
      timelineSentence(
        movement({
          reason: "consume",
          lockedDelta: 0,
          onHandDelta: -1,
          note: "shipped after its lock was released",
        }),
      ),
    ).toBe(
      "Line 82000015: shipped after its lock was released: flagged for staff, on hand -1 (MBA-M1-8-256-SG-A)",
    );
  });

  it("release: units freed, by whom and why", () => {
    expect(timelineSentence(movement({ reason: "release", lockedDelta: -2 }))).toBe(
      "Line 82000015: 2 units released (MBA-M1-8-256-SG-A)",
    );
    expect(
      timelineSentence(
        movement({
          reason: "release",
          lockedDelta: -1,
          actor: "admin@example.com",
          note: "cancelled by phone",
        }),
      ),
    ).toBe(
      "Line 82000015: 1 unit released by admin@example.com: cancelled by phone (MBA-M1-8-256-SG-A)",
    );
  });

  it("manual, reconcile and an unknown reason", () => {
    expect(
      timelineSentence(
        movement({ reason: "manual", lockedDelta: 0, onHandDelta: 3, actor: "bob", note: "count" }),
      ),
    ).toBe("Line 82000015: on hand +3 set by bob: count (MBA-M1-8-256-SG-A)");
    expect(
      timelineSentence(
        movement({ reason: "reconcile", lockedDelta: -1, onHandDelta: 1, note: "repair" }),
      ),
    ).toBe("Line 82000015: stock repaired: locked -1, on hand +1 (repair) (MBA-M1-8-256-SG-A)");
    expect(
      timelineSentence(
        movement({ reason: "teleport", lockedDelta: 0, itemExternalId: null, sku: null }),
      ),
    ).toBe('stock movement "teleport": no change');
  });
});

describe("timelineSentence: staff actions", () => {
  it("a resync, done or failed, and any other action", () => {
    expect(timelineSentence(audit({}))).toBe("Resynced from the marketplace by ops@example.com");
    expect(timelineSentence(audit({ outcome: "failed" }))).toBe(
      "Resync from the marketplace failed by ops@example.com",
    );
    expect(timelineSentence(audit({ action: "order.noted", actor: null }))).toBe(
      "order.noted succeeded",
    );
  });
});

describe("timelineRaw", () => {
  it("is the stored record without the key and time, as JSON", () => {
    const raw = JSON.parse(
      timelineRaw(event("OrderStatusChanged", { from: "new", to: "accepted" })),
    );
    expect(raw).toEqual({
      kind: "event",
      type: "OrderStatusChanged",
      payload: { from: "new", to: "accepted" },
    });
  });
});
