// The demo's data: a simulated Back Market FR, a simulated Refurbed and the seller's simulated
// Shopify shop (all served by the marketplace simulator and used through the real clients),
// the simulator's catalogue as variations with on-hand stock, and each variation's listing on
// every marketplace (on the shop: its inventory item at the shop's warehouse).
// Idempotent: rows that exist are kept (stock that moved stays moved); only the simulator
// URL of the demo marketplaces follows the current one.
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { demoCatalogue, demoShopify, demoTokenEnv } from "@/lib/marketplaces/simulator/catalogue";

export interface SeedDemoOptions {
  /** Base URL of the marketplace simulator, e.g. http://127.0.0.1:3001. */
  simulatorUrl: string;
  /** Other codes for the marketplaces (e2e: beside a dataset that has a `bm-fr`). */
  codes?: { backmarket: string; refurbed: string; shopify: string };
}

type DemoChannel = keyof typeof demoMarketplaces;

export interface SeedDemoResult {
  marketplaceIds: Record<DemoChannel, number>;
  variationsCreated: number;
  listingsCreated: number;
}

export const demoMarketplaces = {
  backmarket: {
    code: "bm-fr",
    name: "Back Market FR (simulated)",
    provider: "backmarket",
    tokenEnv: demoTokenEnv.backmarket,
    country: "fr-fr",
    settings: { userAgent: "BM-Stocklock-Demo;demo@stocklock.example", simulated: true },
  },
  refurbed: {
    code: "refurbed",
    name: "Refurbed (simulated)",
    provider: "refurbed",
    tokenEnv: demoTokenEnv.refurbed,
    country: null,
    settings: { simulated: true },
  },
  shopify: {
    code: "shop",
    name: "Web shop (simulated Shopify)",
    provider: "shopify",
    tokenEnv: demoShopify.tokenEnv,
    country: null,
    settings: {
      shopDomain: demoShopify.shopDomain,
      locationId: demoShopify.locationId,
      apiVersion: "2026-04",
      webhookSecretEnv: demoShopify.webhookSecretEnv,
      simulated: true,
    },
  },
} as const;

/** A variation's listing id on each demo marketplace. */
const listingIdOf: Record<DemoChannel, (entry: (typeof demoCatalogue)[number]) => string> = {
  backmarket: (entry) => entry.bmListingId,
  refurbed: (entry) => entry.rfOfferId,
  shopify: (entry) => `gid://shopify/InventoryItem/${entry.shopifyInventoryItemId}`,
};

export async function seedDemo(db: Executor, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const baseUrl = options.simulatorUrl.replace(/\/+$/, "");
  return db.transaction(async (tx) => {
    const marketplaceIds: Record<DemoChannel, number> = { backmarket: 0, refurbed: 0, shopify: 0 };
    for (const channel of ["backmarket", "refurbed", "shopify"] as const) {
      const demo = {
        ...demoMarketplaces[channel],
        code: options.codes?.[channel] ?? demoMarketplaces[channel].code,
      };
      const [row] = await tx
        .insert(marketplaces)
        .values({ ...demo, settings: { ...demo.settings }, baseUrl })
        .onConflictDoUpdate({ target: marketplaces.code, set: { baseUrl, updatedAt: sql`now()` } })
        .returning({ id: marketplaces.id });
      if (!row) throw new Error(`could not seed marketplace ${demo.code}`);
      marketplaceIds[channel] = row.id;
    }

    const created = await tx
      .insert(variations)
      .values(
        demoCatalogue.map((entry) => ({ sku: entry.sku, name: entry.name, onHand: entry.stock })),
      )
      .onConflictDoNothing({ target: variations.sku })
      .returning({ id: variations.id });
    const rows = await tx
      .select({ id: variations.id, sku: variations.sku })
      .from(variations)
      .where(
        inArray(
          variations.sku,
          demoCatalogue.map((entry) => entry.sku),
        ),
      );
    const variationId = new Map(rows.map((row) => [row.sku, row.id]));

    const listings = demoCatalogue.flatMap((entry) => {
      const id = variationId.get(entry.sku);
      if (id === undefined) return [];
      return (["backmarket", "refurbed", "shopify"] as const).map((channel) => ({
        marketplaceId: marketplaceIds[channel],
        variationId: id,
        externalListingId: listingIdOf[channel](entry),
        externalSku: entry.sku,
        listedQuantity: entry.stock,
      }));
    });
    const listed = await tx
      .insert(marketplaceStock)
      .values(listings)
      .onConflictDoNothing({
        target: [marketplaceStock.marketplaceId, marketplaceStock.variationId],
      })
      .returning({ id: marketplaceStock.id });

    return { marketplaceIds, variationsCreated: created.length, listingsCreated: listed.length };
  });
}
