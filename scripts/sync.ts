// npm run sync -- --type=new|modified|care|incomplete|all [--marketplace=ID|CODE]
//   [--page-size=50] [--days-back=2] [--json] [-v]
import { runMain } from "./run-main";
import { runSyncCommand } from "./sync-cli/command";

export const usage = `usage: npm run sync -- --type=new|modified|care|incomplete|all [options]

  --type=TYPE           new, modified, care, incomplete, all (the four in that order) or stock
  --marketplace=ID|CODE one marketplace (default: every active one)
  --page-size=N         orders per page, 1-100 (default 50)
  --days-back=N         incomplete: how many days back to look (default 2)
  --json                print exactly one JSON summary on stdout (logs stay on stderr)
  -v, --verbose         one line per order

Exit codes: 0 done (also with failed single orders, or skipped because another run holds the
lock), 1 fatal error, 2 bad arguments.`;

runMain(() => runSyncCommand(process.argv.slice(2), { usage }));
