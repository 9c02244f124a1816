// npm run test:e2e — Playwright against a production build on a free port (and the marketplace
// simulator on another), with the embedded database in a temp dir that is removed afterwards.
// Then the secret scan: every secret the run used is looked for in the client bundles, the
// database, the server log and the audit rows (scripts/secret-scan); a hit fails the run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/db/testing/pg-cluster";
import { e2eSecrets } from "@/e2e/fixtures/secrets";
import { checkRun, printChecks } from "./secret-scan/check-run";

/** Read by scripts/test.ts to count the scan's checks beside Playwright's tests. */
const SECRET_SCAN_RESULTS = "test-results/secret-scan-results.json";

const port = await freePort();
const simulatorPort = await freePort();
const webhookPort = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "stocklock-e2e-"));
const pgliteDir = path.join(dataDir, "pglite");
const serverLog = path.join(dataDir, "server.log");
rmSync(SECRET_SCAN_RESULTS, { force: true });

let exitCode: number;
try {
  const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_PORT: String(port),
      E2E_SIMULATOR_PORT: String(simulatorPort),
      E2E_WEBHOOK_PORT: String(webhookPort),
      E2E_PGLITE_DIR: pgliteDir,
      E2E_SERVER_LOG: serverLog,
    },
  });
  exitCode = result.status ?? 1;

  // The server has stopped: its database, log and build can be read.
  const secrets = e2eSecrets();
  const checks = await checkRun(secrets, {
    staticDir: path.resolve(".next/static"),
    pgliteDir,
    serverLog,
  });
  const clean = printChecks(checks, secrets.length);
  const passed = checks.filter((check) => check.ok).length;
  mkdirSync(path.dirname(SECRET_SCAN_RESULTS), { recursive: true });
  writeFileSync(SECRET_SCAN_RESULTS, JSON.stringify({ passed, failed: checks.length - passed }));
  if (!clean && exitCode === 0) exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
