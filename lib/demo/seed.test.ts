// The demo seed on real PostgreSQL: idempotent, and its marketplaces work through the real
// clients against the simulator (listing ids line up with marketplace_stock).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { createAdapter } from "@/lib/marketplaces/factory";
import {
  demoCatalogue,
  demoShopify,
  demoTokenEnv,
  demoTokens,
} from "@/lib/marketplaces/simulator/catalogue";
import { startSimulator } from "@/lib/marketplaces/simulator/server";
import { captureLogger, fastTimings } from "@/lib/marketplaces/testing/fast-clients";
import { seedDemo } from "./seed";

describe("seedDemo", () => {
  const database = useTestDatabase();

  it("creates the three simulated marketplaces, the catalogue and its listings, once", async () => {
    const { db } = database.current;
    const first = await seedDemo(db, { simulatorUrl: "http://127.0.0.1:3001/" });
    expect(first.variationsCreated).toBe(demoCatalogue.length);
    expect(first.listingsCreated).toBe(demoCatalogue.length * 3);

    // Stock moved since the first run: a second run keeps it and only follows the new URL.
    await db.update(variations).set({ onHand: 1 }).where(eq(variations.sku, "IPH13-128-MID-A"));
    const second = await seedDemo(db, { simulatorUrl: "http://127.0.0.1:4001" });
    expect(second).toEqual({
      marketplaceIds: first.marketplaceIds,
      variationsCreated: 0,
      listingsCreated: 0,
    });

    const rows = await db.select().from(marketplaces).orderBy(marketplaces.id);
    expect(
      rows.map((row) => [row.code, row.provider, row.baseUrl, row.tokenEnv, row.country]),
    ).toEqual([
      ["bm-fr", "backmarket", "http://127.0.0.1:4001", demoTokenEnv.backmarket, "fr-fr"],
      ["refurbed", "refurbed", "http://127.0.0.1:4001", demoTokenEnv.refurbed, null],
      ["shop", "shopify", "http://127.0.0.1:4001", demoShopify.tokenEnv, null],
    ]);
    const [moved] = await db.select().from(variations).where(eq(variations.sku, "IPH13-128-MID-A"));
    expect(moved?.onHand).toBe(1);
    expect(await db.$count(marketplaceStock)).toBe(demoCatalogue.length * 3);
  });

  it("seeds marketplaces the real clients can use against the simulator", async () => {
    const { db } = database.current;
    const sim = await startSimulator({ seed: 11 });
    try {
      await seedDemo(db, { simulatorUrl: sim.url });
      const env = {
        [demoTokenEnv.backmarket]: demoTokens.backmarket,
        [demoTokenEnv.refurbed]: demoTokens.refurbed,
        [demoShopify.tokenEnv]: demoShopify.token,
      };
      for (const row of await db.select().from(marketplaces)) {
        const adapter = createAdapter(row, {
          env,
          logger: captureLogger().logger,
          timings: fastTimings(),
        });
        await adapter.testConnection();
        const stock = await db
          .select()
          .from(marketplaceStock)
          .where(eq(marketplaceStock.marketplaceId, row.id));
        const seeded = new Set(stock.map((s) => `${s.externalSku}|${s.externalListingId}`));
        for await (const result of adapter.listListings()) {
          expect(
            result.ok && seeded.has(`${result.listing.sku}|${result.listing.externalListingId}`),
          ).toBe(true);
        }
      }
    } finally {
      await sim.close();
    }
  });
});
