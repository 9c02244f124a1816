// The secret scan of a finished e2e run: one check per kind of place (client bundles, the
// database, the server log, the audit rows). A check fails on any hit, and also when it found
// nothing to read (a scan of nothing proves nothing).
import { existsSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { describeHit, findSecrets, type Secret, type SourceKind, sourceKinds } from "./scan";
import { bundleSources, databaseSources, logSources } from "./sources";

export interface RunArtifacts {
  /** The build's `.next/static`. */
  staticDir: string;
  /** The embedded database the server used (closed by now). */
  pgliteDir: string;
  /** The server's captured stdout + stderr. */
  serverLog: string;
}

export interface CheckResult {
  kind: SourceKind;
  ok: boolean;
  lines: string[];
}

async function* allSources(artifacts: RunArtifacts, close: (fn: () => Promise<void>) => void) {
  yield* bundleSources(artifacts.staticDir);
  yield* logSources(artifacts.serverLog);
  // Opening a missing directory would create (and migrate) a fresh database that passes.
  if (!existsSync(artifacts.pgliteDir)) return;
  const handle = await openDatabase({ pgliteDir: artifacts.pgliteDir });
  close(() => handle.close());
  yield* databaseSources(handle.db);
}

export async function checkRun(
  secrets: readonly Secret[],
  artifacts: RunArtifacts,
): Promise<CheckResult[]> {
  let closeDatabase: (() => Promise<void>) | undefined;
  try {
    const { hits, scanned } = await findSecrets(
      secrets,
      allSources(artifacts, (fn) => {
        closeDatabase = fn;
      }),
    );
    return sourceKinds.map((kind) => {
      const found = hits.filter((hit) => hit.kind === kind).map(describeHit);
      const empty = scanned[kind] === 0 ? [`nothing to scan in ${kind}`] : [];
      return { kind, ok: found.length === 0 && empty.length === 0, lines: [...empty, ...found] };
    });
  } finally {
    await closeDatabase?.();
  }
}

/** Prints one line per check (and per hit); true when every check passed. */
export function printChecks(checks: CheckResult[], secretCount: number): boolean {
  console.log(`\nsecret scan: ${secretCount} secrets of this run`);
  for (const check of checks) {
    console.log(`  ${check.ok ? "✓" : "✘"} ${check.kind}`);
    for (const line of check.lines) console.log(`      ${line}`);
  }
  return checks.every((check) => check.ok);
}
