// Two marketplaces that point at the simulator playwright.config.ts starts (SIMULATOR_URL), so
// "sync now" in the specs really syncs: the demo catalogue as variations, listed on both.
// The server gets the demo tokens in its environment (playwright.config.ts).
import type { Database } from "@/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { simulatedCodes } from "../fixtures/simulated-marketplaces";

export async function prepare(db: Database): Promise<void> {
  const result = await seedDemo(db, { simulatorUrl: env().SIMULATOR_URL, codes: simulatedCodes });
  console.log(`e2e prepare: simulated marketplaces ${JSON.stringify(result)}`);
}
