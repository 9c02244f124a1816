// `npm run sync` (scripts/sync.ts) as a child process against a test database, with a time
// limit: a run that hangs is killed and reported as such instead of hanging the test.
import { spawn } from "node:child_process";
import path from "node:path";
import { BM_TOKEN_ENV, RF_TOKEN_ENV } from "./sync-fixture";

const root = path.resolve(import.meta.dirname, "../../..");

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed by the time limit. */
  timedOut: boolean;
  durationMs: number;
}

export function runSyncChild(
  args: string[],
  options: { databaseUrl: string; timeoutMs: number; env?: Record<string, string> },
): Promise<ChildResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      [BM_TOKEN_ENV]: process.env[BM_TOKEN_ENV],
      [RF_TOKEN_ENV]: process.env[RF_TOKEN_ENV],
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, durationMs: performance.now() - started });
    });
  });
}
