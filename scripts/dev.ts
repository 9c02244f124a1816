// npm run dev — the dashboard at http://localhost:3000 on the embedded database (unless
// DATABASE_URL is set), in demo mode, with the marketplace simulator beside it on
// SIMULATOR_PORT (default 3001). Both get the demo tokens; the Next server seeds the demo
// marketplaces (pointing at the simulator) on start.
import { type ChildProcess, spawn } from "node:child_process";
import { demoShopify, demoTokenEnv, demoTokens } from "@/lib/marketplaces/simulator/catalogue";

const simulatorPort = process.env.SIMULATOR_PORT ?? "3001";
const env = {
  ...process.env,
  DEMO_MODE: process.env.DEMO_MODE ?? "1",
  // The demo marketplaces point at the simulator on 127.0.0.1 (a loopback host).
  MARKETPLACE_ALLOW_PRIVATE_HOSTS: process.env.MARKETPLACE_ALLOW_PRIVATE_HOSTS ?? "1",
  SIMULATOR_PORT: simulatorPort,
  SIMULATOR_URL: process.env.SIMULATOR_URL ?? `http://127.0.0.1:${simulatorPort}`,
  [demoTokenEnv.backmarket]: process.env[demoTokenEnv.backmarket] ?? demoTokens.backmarket,
  [demoTokenEnv.refurbed]: process.env[demoTokenEnv.refurbed] ?? demoTokens.refurbed,
  [demoShopify.tokenEnv]: process.env[demoShopify.tokenEnv] ?? demoShopify.token,
  [demoShopify.webhookSecretEnv]:
    process.env[demoShopify.webhookSecretEnv] ?? demoShopify.clientSecret,
  // The simulated shop posts its webhooks to the dashboard's route for the demo shop.
  SIMULATOR_SHOPIFY_WEBHOOK_URL:
    process.env.SIMULATOR_SHOPIFY_WEBHOOK_URL ??
    `http://127.0.0.1:${process.env.PORT ?? "3000"}/api/webhooks/shopify/shop`,
};

const children: ChildProcess[] = [
  spawn("npx", ["tsx", "scripts/simulator.ts"], { stdio: "inherit", env }),
  spawn("npx", ["next", "dev", "--port", process.env.PORT ?? "3000"], { stdio: "inherit", env }),
];

let exiting = false;
function stopAll(code: number) {
  if (exiting) return;
  exiting = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => stopAll(0));
}
// When either process ends, stop the other: a dashboard without its simulator is no demo.
for (const child of children) child.on("exit", (code) => stopAll(code ?? 0));
