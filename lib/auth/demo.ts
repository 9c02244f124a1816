import { type Database, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { createStaffUser, findStaffUserByEmail } from "./users";

/**
 * The demo admin. Public on purpose: the sign-in page shows these credentials, but only when
 * DEMO_MODE=1, and only demo mode seeds the account.
 */
export const demoAdminCredentials = {
  email: "demo@example.com",
  password: "stocklock-demo",
  name: "Demo admin",
} as const;

/** Creates the demo admin unless it exists (safe to call on every start). */
export async function seedDemoAdmin(db: Database): Promise<void> {
  if (await findStaffUserByEmail(db, demoAdminCredentials.email)) return;
  await createStaffUser(
    db,
    { ...demoAdminCredentials, role: "admin" },
    { actor: null, via: "demo seed" },
  ).catch(async (error: unknown) => {
    // Two processes seeding at once: the other one won.
    if (await findStaffUserByEmail(db, demoAdminCredentials.email)) return;
    throw error;
  });
}

/** Demo mode only: seeds the demo admin from the server's start hook; logs instead of failing. */
export async function seedDemoAdminOnStart(): Promise<void> {
  if (!env().DEMO_MODE) return;
  try {
    await seedDemoAdmin(await getDb());
  } catch (error) {
    logger.error({ err: error }, "seeding the demo admin failed");
  }
}
