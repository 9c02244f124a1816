// Seeds the demo inside the Next server process (called from instrumentation.ts): the embedded
// PGlite database is single-process, so no other process may write it while the server runs.
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { seedDemo } from "./seed";

export async function seedDemoOnStart(): Promise<void> {
  const { DEMO_MODE, SIMULATOR_URL } = env();
  if (!DEMO_MODE) return;
  const log = logger.child({ component: "demo-seed" });
  try {
    const result = await seedDemo(await getDb(), { simulatorUrl: SIMULATOR_URL });
    log.info({ ...result, simulatorUrl: SIMULATOR_URL }, "demo data seeded");
  } catch (error) {
    // The dashboard still starts; the log says why the demo data is missing.
    log.error({ err: error }, "demo seed failed");
  }
}
