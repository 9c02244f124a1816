// npm run stock:check -- [--repair] [--json]
// Checks every stock invariant of DESIGN; exit 0 when all hold. --repair first recomputes
// the counters from the lock rows (and maps/locks what the rules demand), reporting each
// change, then checks again. With --json, one JSON object on stdout; logs go to stderr.
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { repairStockCounters } from "@/lib/runtime";
import { checkStockInvariants, type StockInvariantReport } from "@/lib/stock/invariants";
import type { RepairReport } from "@/lib/stock/repair";
import { runMain } from "./run-main";

const usage = "usage: npm run stock:check -- [--repair] [--json]";

function printReport(report: StockInvariantReport): void {
  for (const result of report.invariants) {
    const mark = result.ok ? "ok  " : "FAIL";
    const count = result.ok ? "" : ` (${result.violations} violation(s))`;
    console.error(`${mark} ${result.name}: ${result.description}${count}`);
    for (const example of result.examples.slice(0, 5)) {
      console.error(`       ${JSON.stringify(example)}`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let values: { repair?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { repair: { type: "boolean" }, json: { type: "boolean" } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const db = await getDb();
  let repair: RepairReport | undefined;
  if (values.repair) {
    repair = await repairStockCounters(db);
    if (!values.json) {
      if (repair.changes.length === 0) console.error("repair: nothing to change");
      for (const change of repair.changes) console.error(`repair: ${change.detail}`);
    }
  }
  const report = await checkStockInvariants(db);
  if (values.json) console.log(JSON.stringify({ ...report, repair }));
  else printReport(report);
  return report.ok ? 0 : 1;
}

runMain(() => main(process.argv.slice(2)));
