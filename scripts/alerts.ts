// npm run alerts -- [--json]
// Evaluates every alert condition now (opening, resolving and notifying like the worker's
// minute tick), then lists the open alerts. Exit 0 when none is open, 1 when some are, 2 on bad
// arguments. With --json, one JSON object on stdout; logs go to stderr.
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { runAlertEvaluation } from "@/lib/jobs/alerts";
import { runMain } from "./run-main";

const usage = "usage: npm run alerts -- [--json]";

async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const report = await runAlertEvaluation(await getDb());
  if (values.json) {
    console.log(JSON.stringify({ ok: report.open.length === 0, ...report }));
  } else {
    for (const a of report.opened) console.error(`opened   ${a.kind} ${a.subject}`);
    for (const a of report.resolved) console.error(`resolved ${a.kind} ${a.subject}`);
    if (report.open.length === 0) console.error("no open alerts");
    for (const a of report.open) {
      console.error(`OPEN ${a.kind} ${a.subject} since ${a.openedAt} ${JSON.stringify(a.details)}`);
    }
  }
  return report.open.length === 0 ? 0 : 1;
}

runMain(() => main(process.argv.slice(2)));
