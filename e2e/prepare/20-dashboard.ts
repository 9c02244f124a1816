// A modest, realistic dataset for the dashboard specs: the seed:large generator with a small
// count (six marketplaces, orders across the lifecycle, locks, ledger, events, sync runs).
import type { Database } from "@/db/client";
import { seedLarge } from "@/db/seed/large";

export const E2E_DASHBOARD_ORDERS = 600;

export async function prepare(db: Database): Promise<void> {
  const summary = await seedLarge(db, { orders: E2E_DASHBOARD_ORDERS, variations: 60, seed: 11 });
  console.log(`e2e prepare: dashboard data ${JSON.stringify(summary)}`);
}
