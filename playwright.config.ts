import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./e2e/chromium";
import { alertWebhookPort, alertWebhookUrl } from "./e2e/fixtures/alert-webhook";
import { e2eAuthSecret, e2eCronSecret } from "./e2e/fixtures/server-secrets";
import { simulatedCodes, simulatorPort, simulatorUrl } from "./e2e/fixtures/simulated-marketplaces";
import { demoShopify, demoTokenEnv, demoTokens } from "./lib/marketplaces/simulator/catalogue";

// scripts/e2e.ts picks a free port and a temp data dir and passes them in; these defaults
// serve a plain `npx playwright test`.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const pgliteDir = process.env.E2E_PGLITE_DIR ?? ".data/e2e-pglite";
const build = process.env.E2E_SKIP_BUILD === "1" ? "" : "npx next build && ";
// Everything the server prints, kept for the secret scan that scripts/e2e.ts runs afterwards.
const serverLog = process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      // A production build on the embedded database in a throwaway directory.
      command: `(${build}npx tsx e2e/prepare.ts && npx next start --hostname 127.0.0.1 --port ${port}) 2>&1 | tee "${serverLog}"`,
      url: `${baseURL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PGLITE_DIR: pgliteDir,
        DATABASE_URL: "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // Exactly the README's production settings: a secret, no BETTER_AUTH_URL (the origin is
        // taken from each request; cookies are `Secure`, which Chromium keeps on 127.0.0.1).
        BETTER_AUTH_SECRET: e2eAuthSecret,
        CRON_SECRET: e2eCronSecret,
        BETTER_AUTH_URL: "",
        // The simulated marketplaces (e2e/prepare/30-simulated-marketplaces.ts) and their tokens.
        SIMULATOR_URL: simulatorUrl,
        // The simulator listens on 127.0.0.1: loopback marketplace hosts are allowed here only.
        MARKETPLACE_ALLOW_PRIVATE_HOSTS: "1",
        [demoTokenEnv.backmarket]: demoTokens.backmarket,
        [demoTokenEnv.refurbed]: demoTokens.refurbed,
        [demoShopify.tokenEnv]: demoShopify.token,
        [demoShopify.webhookSecretEnv]: demoShopify.clientSecret,
        // Alerts go to the receiver below; a push alert opens at the first failed attempt, so
        // e2e/overview-alerts.spec.ts need not wait 15 minutes.
        ALERT_WEBHOOK_URL: `${alertWebhookUrl}/hook`,
        ALERT_PUSH_FAILING_MINUTES: "0",
      },
    },
    {
      // A real HTTP server that records the alert webhook's posts (GET /_received).
      command: "npx tsx e2e/webhook-receiver.ts",
      url: `${alertWebhookUrl}/_received`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_WEBHOOK_PORT: String(alertWebhookPort) },
    },
    {
      // The marketplace simulator the e2e marketplaces point at ("sync now" really syncs), started
      // once the server is up (the server needs only its URL). Its own order stream is slowed to
      // once an hour: the specs make the orders they need.
      command: "npx tsx scripts/simulator.ts",
      url: `${simulatorUrl}/_simulator/state`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        SIMULATOR_PORT: String(simulatorPort),
        SIMULATOR_SEED: "21",
        SIMULATOR_TICK_MS: "3600000",
        // The simulated shop's webhooks go to the e2e server's route for its marketplace.
        SIMULATOR_SHOPIFY_WEBHOOK_URL: `${baseURL}/api/webhooks/shopify/${simulatedCodes.shopify}`,
        LOG_LEVEL: "warn",
      },
    },
  ],
});
