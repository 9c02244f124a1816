// npm run sync:stock -- [--marketplace=ID|CODE] [--json] [-v]
import { runMain } from "./run-main";
import { runSyncCommand } from "./sync-cli/command";

export const usage = `usage: npm run sync:stock -- [--marketplace=ID|CODE] [--page-size=N] [--json]

Pulls every listing/offer, maps SKUs to variations, records the quantity each marketplace shows
and the drift, reports unmapped listings and pushes corrected publishable quantities.

  --marketplace=ID|CODE one marketplace (default: every active one)
  --page-size=N         listings per page, 1-100 (default 50)
  --json                print exactly one JSON summary on stdout (logs stay on stderr)

Exit codes: 0 done, 1 fatal error, 2 bad arguments.`;

runMain(() => runSyncCommand(process.argv.slice(2), { usage, fixedType: "stock" }));
