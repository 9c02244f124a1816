// npm run test:e2e — Playwright against a production build on a free port (and the marketplace
// simulator on another), with the embedded database in a temp dir that is removed afterwards.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/db/testing/pg-cluster";

const port = await freePort();
const simulatorPort = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "stocklock-e2e-"));
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    E2E_PORT: String(port),
    E2E_SIMULATOR_PORT: String(simulatorPort),
    E2E_PGLITE_DIR: path.join(dataDir, "pglite"),
  },
});
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
