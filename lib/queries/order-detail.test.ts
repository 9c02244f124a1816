// The order timeline on real PostgreSQL: events, ledger rows and a staff resync of the order,
// newest first, each read as a sentence (and nothing from another order).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";
import { timelineSentence } from "@/lib/format/timeline";
import { upsertOrder } from "@/lib/runtime";
import { createMarketplace, createVariations, makeOrder } from "@/lib/stock/testing/fixtures";
import { getOrderDetail } from "./order-detail";

const database = useTestDatabase();

describe("order timeline (real PostgreSQL)", () => {
  it("tells the order's story in sentences, newest first", async () => {
    const db = database.current.db;
    const mp = await createMarketplace(db);
    await createVariations(db, [{ sku: "TL-PHONE", onHand: 5 }]);
    const first = await db.transaction((tx) =>
      upsertOrder(
        tx,
        makeOrder(mp, "TL-1", [
          { externalId: "82000015", sku: "TL-PHONE", status: "new" },
          { externalId: "82000016", sku: "TL-UNKNOWN", status: "new" },
        ]),
      ),
    );
    await db.transaction((tx) =>
      upsertOrder(
        tx,
        makeOrder(mp, "TL-1", [
          { externalId: "82000015", sku: "TL-PHONE", status: "shipped" },
          { externalId: "82000016", sku: "TL-UNKNOWN", status: "cancelled" },
        ]),
      ),
    );
    // Another order's history stays out.
    await db.transaction((tx) =>
      upsertOrder(tx, makeOrder(mp, "TL-2", [{ externalId: "9", sku: "TL-PHONE", status: "new" }])),
    );
    await db.execute(
      sql`insert into audit_log (actor_email, action, target, outcome, result)
          values ('ops@example.com', 'order.resynced', ${`order:${first.orderId}`}, 'succeeded', '{}'),
                 ('ops@example.com', 'order.resynced', 'order:999999', 'succeeded', '{}')`,
    );

    const detail = await getOrderDetail(db, first.orderId);
    const sentences = (detail?.timeline ?? []).map(timelineSentence);
    expect(sentences[0]).toBe("Resynced from the marketplace by ops@example.com");
    expect(sentences).toContain(
      "Order received, status new: 2 lines, 2 units; 1 line unmapped (TL-UNKNOWN): no lock until the SKU is mapped",
    );
    expect(sentences).toContain("Line 82000015: 1 unit locked (TL-PHONE)");
    expect(sentences).toContain("Line 82000015: 1 unit consumed (shipped), on hand -1 (TL-PHONE)");
    expect(sentences.some((s) => s.startsWith("Status new → "))).toBe(true);
    expect(sentences.filter((s) => s.includes("Resynced"))).toHaveLength(1);
    expect(sentences.join("\n")).not.toContain("Line 9:");
    // Newest first.
    const times = (detail?.timeline ?? []).map((e) => e.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
