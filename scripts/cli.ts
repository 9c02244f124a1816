// npm run cli -- <group> <command> [options]
// Each group lives in scripts/cli/<group>.ts and exports `run(args): Promise<number>` (the exit
// code) and `usage` (its help text). Exit codes: 0 success, 1 fatal error, 2 bad arguments.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { runMain } from "./run-main";

interface CliGroup {
  run(args: string[]): Promise<number>;
  usage: string;
}

const groupsDir = path.join(import.meta.dirname, "cli");
const groups = readdirSync(groupsDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .map((file) => file.slice(0, -3))
  .sort();

async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (!group || group === "--help" || group === "-h") {
    console.error(`usage: npm run cli -- <${groups.join("|")}> <command> [options]`);
    return group ? 0 : 2;
  }
  if (!/^[a-z][a-z-]*$/.test(group) || !existsSync(path.join(groupsDir, `${group}.ts`))) {
    console.error(`Unknown command group "${group}". Groups: ${groups.join(", ")}`);
    return 2;
  }
  const module = (await import(path.join(groupsDir, `${group}.ts`))) as CliGroup;
  if (rest[0] === "--help" || rest[0] === "-h") {
    console.error(module.usage);
    return 0;
  }
  return module.run(rest);
}

runMain(() => main(process.argv.slice(2)));
