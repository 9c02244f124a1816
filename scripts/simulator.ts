// npm run simulator — the marketplace simulator alone (Back Market + Refurbed wire formats),
// with a realistic order stream. PORT (default 3001), SIMULATOR_SEED, SIMULATOR_TICK_MS.
import { logger } from "@/lib/log";
import { demoTokenEnv } from "@/lib/marketplaces/simulator/catalogue";
import { startSimulator } from "@/lib/marketplaces/simulator/server";

const port = Number(process.env.SIMULATOR_PORT ?? process.env.PORT ?? 3001);
const tickMs = Number(process.env.SIMULATOR_TICK_MS ?? 4000);
const simulator = await startSimulator({
  port,
  host: process.env.SIMULATOR_HOST ?? "127.0.0.1",
  seed: Number(process.env.SIMULATOR_SEED ?? Date.now() % 100_000),
  history: 12,
  streamIntervalMs: tickMs,
  // Tokens from the same variables the demo marketplaces name; the demo defaults otherwise.
  tokens: {
    backmarket: process.env[demoTokenEnv.backmarket] || undefined,
    refurbed: process.env[demoTokenEnv.refurbed] || undefined,
  },
  logger: logger.child({ component: "simulator" }),
});
logger.info(
  { url: simulator.url, tickMs },
  "marketplace simulator listening (Back Market /ws/*, Refurbed /refb.merchant.v1.*, control /_simulator/*)",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
