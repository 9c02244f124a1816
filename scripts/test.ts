// npm test — lint, type check, unit + integration tests (Vitest, real PostgreSQL) and the
// browser specs (Playwright, Chromium). Every stage runs and ends with its runner's summary;
// the last line totals them all.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

interface Stage {
  name: string;
  command: string[];
  /** Reads passed/failed counts from the runner's JSON report; absent → the stage counts as one. */
  counts?: () => { passed: number; failed: number } | undefined;
}

const results = "test-results";
mkdirSync(results, { recursive: true });

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const stages: Stage[] = [
  // biome, then the dependency rules of .dependency-cruiser.cjs (DESIGN "Shape").
  { name: "lint", command: ["npm", "run", "-s", "lint"] },
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
  {
    name: "unit + integration (vitest)",
    command: [
      "npx",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${results}/vitest-results.json`,
    ],
    counts: () => {
      const report = readJson(`${results}/vitest-results.json`) as
        | { numPassedTests: number; numFailedTests: number }
        | undefined;
      return report && { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
  {
    name: "browser (playwright)",
    command: ["npx", "tsx", "scripts/e2e.ts"],
    // Playwright's tests plus the secret scan's checks that scripts/e2e.ts runs after them.
    counts: () => {
      const report = readJson(`${results}/e2e-results.json`) as
        | { stats: { expected: number; unexpected: number; flaky: number } }
        | undefined;
      const scan = readJson(`${results}/secret-scan-results.json`) as
        | { passed: number; failed: number }
        | undefined;
      if (!report) return undefined;
      return {
        passed: report.stats.expected + report.stats.flaky + (scan?.passed ?? 0),
        failed: report.stats.unexpected + (scan?.failed ?? 0),
      };
    },
  },
];

let passed = 0;
let failed = 0;
const failedStages: string[] = [];
for (const stage of stages) {
  console.log(`\n▶ ${stage.name}: ${stage.command.join(" ")}`);
  for (const file of ["vitest-results.json", "e2e-results.json", "secret-scan-results.json"]) {
    if (stage.counts) rmSync(`${results}/${file}`, { force: true });
  }
  const run = spawnSync(stage.command[0] as string, stage.command.slice(1), { stdio: "inherit" });
  const ok = run.status === 0;
  const counts = stage.counts?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // A runner that crashed before reporting a failure still fails the run.
    if (!ok && counts.failed === 0) failed += 1;
  } else if (ok) {
    passed += 1;
  } else {
    failed += 1;
  }
  if (!ok) failedStages.push(stage.name);
}

console.log("");
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join(", ")}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedStages.length > 0 ? 1 : 0);
