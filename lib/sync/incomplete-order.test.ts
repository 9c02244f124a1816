// "Incomplete order" has one definition, and both its readers follow it: the /orders
// "Missing documents" filter and the `incomplete` sync's candidates. (Fails on the code before
// it: the filter listed every order without a delivery note, so a Refurbed order, which never
// gets one, stayed "missing documents" for ever.)
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { marketplaces, orders } from "@/db/schema";
import type { OrderStatus, Provider } from "@/db/schema/enums";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { orderList } from "@/lib/lists/orders";
import { listOrders } from "@/lib/queries/orders";
import { incompleteOrderCondition } from "./incomplete-order";

const database = useTestDatabase();

async function marketplace(db: Database, provider: Provider): Promise<number> {
  const [row] = await db
    .insert(marketplaces)
    .values({
      code: `io-${provider}`,
      name: provider,
      provider,
      baseUrl: "http://localhost",
      tokenEnv: "IO_TOKEN",
    })
    .returning({ id: marketplaces.id });
  if (!row) throw new Error("no marketplace");
  return row.id;
}

interface Case {
  externalId: string;
  status: OrderStatus;
  label: boolean;
  deliveryNote: boolean;
}

const refurbedCases: Case[] = [
  { externalId: "RF-LABEL", status: "accepted", label: true, deliveryNote: false },
  { externalId: "RF-SHIPPED-LABEL", status: "shipped", label: true, deliveryNote: false },
  { externalId: "RF-NOTHING", status: "accepted", label: false, deliveryNote: false },
  { externalId: "RF-CANCELLED", status: "cancelled", label: false, deliveryNote: false },
];
const backMarketCases: Case[] = [
  { externalId: "BM-LABEL-ONLY", status: "shipped", label: true, deliveryNote: false },
  { externalId: "BM-NOTE-ONLY", status: "accepted", label: false, deliveryNote: true },
  { externalId: "BM-BOTH", status: "shipped", label: true, deliveryNote: true },
  { externalId: "BM-PENDING", status: "pending", label: false, deliveryNote: false },
  { externalId: "BM-REFUNDED", status: "refunded", label: false, deliveryNote: false },
];

describe("incomplete order: one definition (real PostgreSQL)", () => {
  let refurbedId: number;
  let backMarketId: number;

  beforeAll(async () => {
    const db = database.current.db;
    refurbedId = await marketplace(db, "refurbed");
    backMarketId = await marketplace(db, "backmarket");
    const rows = [
      ...refurbedCases.map((c) => ({ ...c, marketplaceId: refurbedId })),
      ...backMarketCases.map((c) => ({ ...c, marketplaceId: backMarketId })),
    ];
    await db.insert(orders).values(
      rows.map((c) => ({
        marketplaceId: c.marketplaceId,
        externalId: c.externalId,
        status: c.status,
        marketplaceState: "x",
        labelUrl: c.label ? `https://docs.example/${c.externalId}/label.pdf` : null,
        deliveryNoteUrl: c.deliveryNote ? `https://docs.example/${c.externalId}/note.pdf` : null,
        orderedAt: new Date(),
      })),
    );
  });

  const expected = ["BM-LABEL-ONLY", "BM-NOTE-ONLY", "RF-NOTHING"];

  it('/orders "Missing documents": a Refurbed order with its label is complete', async () => {
    const search = parseListParams(orderList, { incomplete: "1", perPage: "100" });
    const page = await listOrders(database.current.db, search.values);
    expect(page.rows.map((row) => row.externalId).sort()).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it("the incomplete sync's candidates are the same orders, per marketplace", async () => {
    const db = database.current.db;
    const candidates = async (marketplaceId: number) =>
      (
        await db
          .select({ externalId: orders.externalId })
          .from(orders)
          .where(and(eq(orders.marketplaceId, marketplaceId), incompleteOrderCondition()))
      )
        .map((row) => row.externalId)
        .sort();
    expect(await candidates(refurbedId)).toEqual(["RF-NOTHING"]);
    expect(await candidates(backMarketId)).toEqual(["BM-LABEL-ONLY", "BM-NOTE-ONLY"]);
    const all = await db
      .select({ id: orders.id })
      .from(orders)
      .where(inArray(orders.marketplaceId, [refurbedId, backMarketId]));
    expect(all).toHaveLength(refurbedCases.length + backMarketCases.length);
  });
});
