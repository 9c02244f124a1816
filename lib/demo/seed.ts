// The demo's data: a simulated Back Market FR and a simulated Refurbed (both served by the
// marketplace simulator and used through the real clients), the simulator's catalogue as
// variations with on-hand stock, and each variation's listing on both marketplaces.
// Idempotent: rows that exist are kept (stock that moved stays moved); only the simulator
// URL of the demo marketplaces follows the current one.
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { demoCatalogue, demoTokenEnv } from "@/lib/marketplaces/simulator/catalogue";

export interface SeedDemoOptions {
  /** Base URL of the marketplace simulator, e.g. http://127.0.0.1:3001. */
  simulatorUrl: string;
  /** Other codes for the two marketplaces (e2e: beside a dataset that has a `bm-fr`). */
  codes?: { backmarket: string; refurbed: string };
}

export interface SeedDemoResult {
  marketplaceIds: { backmarket: number; refurbed: number };
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
} as const;

export async function seedDemo(db: Executor, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const baseUrl = options.simulatorUrl.replace(/\/+$/, "");
  return db.transaction(async (tx) => {
    const marketplaceIds = { backmarket: 0, refurbed: 0 };
    for (const channel of ["backmarket", "refurbed"] as const) {
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
      return [
        {
          marketplaceId: marketplaceIds.backmarket,
          variationId: id,
          externalListingId: entry.bmListingId,
          externalSku: entry.sku,
          listedQuantity: entry.stock,
        },
        {
          marketplaceId: marketplaceIds.refurbed,
          variationId: id,
          externalListingId: entry.rfOfferId,
          externalSku: entry.sku,
          listedQuantity: entry.stock,
        },
      ];
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
