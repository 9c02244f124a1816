// npm run simulator — the marketplace simulator alone (Back Market, Refurbed, Shopify),
// with a realistic order stream. PORT (default 3001), SIMULATOR_SEED, SIMULATOR_TICK_MS.
import { env, tokenVariables } from "@/lib/env";
import { logger } from "@/lib/log";
import { demoShopify, demoTokenEnv } from "@/lib/marketplaces/simulator/catalogue";
import { startSimulator } from "@/lib/marketplaces/simulator/server";

const settings = env();
const tokenSource = tokenVariables();
const port = Number(settings.SIMULATOR_PORT ?? settings.PORT ?? 3001);
const tickMs = settings.SIMULATOR_TICK_MS;
const simulator = await startSimulator({
  port,
  host: settings.SIMULATOR_HOST,
  seed: Number(settings.SIMULATOR_SEED ?? Date.now() % 100_000),
  history: 12,
  streamIntervalMs: tickMs,
  // Tokens from the same variables the demo marketplaces name; the demo defaults otherwise.
  tokens: {
    backmarket: tokenSource[demoTokenEnv.backmarket] || undefined,
    refurbed: tokenSource[demoTokenEnv.refurbed] || undefined,
  },
  shopify: {
    credentials: {
      staticToken: tokenSource[demoShopify.tokenEnv] || demoShopify.token,
      clientSecret: tokenSource[demoShopify.webhookSecretEnv] || demoShopify.clientSecret,
    },
  },
  logger: logger.child({ component: "simulator" }),
});
// The simulated shop delivers its webhooks to the app (as a subscription made in the shop's
// admin would); more subscriptions can be made through its Admin API.
simulator.shopify.webhooks.target = settings.SIMULATOR_SHOPIFY_WEBHOOK_URL ?? null;
logger.info(
  { url: simulator.url, tickMs, shopifyWebhooks: simulator.shopify.webhooks.target },
  "marketplace simulator listening (Back Market /ws/*, Refurbed /refb.merchant.v1.*, Shopify /admin/api/*, control /_simulator/*)",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
