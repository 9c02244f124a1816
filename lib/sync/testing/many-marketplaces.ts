// Many simulated marketplaces on one simulator (half Back Market, half Refurbed), for the scale
// test and bench: each row is its own marketplace to the sync, with its own lock and runs.
import type { Database } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { BM_TOKEN_ENV, RF_TOKEN_ENV } from "./sync-fixture";

export async function addSimulatedMarketplaces(
  db: Database,
  simulatorUrl: string,
  count: number,
): Promise<void> {
  if (count <= 0) return;
  const rows = Array.from({ length: count }, (_, i) => {
    const backmarket = i % 2 === 0;
    return {
      code: `sim-${String(i + 1).padStart(3, "0")}`,
      name: `Simulated ${i + 1}`,
      provider: backmarket ? ("backmarket" as const) : ("refurbed" as const),
      baseUrl: simulatorUrl,
      tokenEnv: backmarket ? BM_TOKEN_ENV : RF_TOKEN_ENV,
      ...(backmarket
        ? { country: "fr-fr", settings: { userAgent: "BM-Stocklock-Tests;dev@example.com" } }
        : {}),
    };
  });
  await db.insert(marketplaces).values(rows);
}
