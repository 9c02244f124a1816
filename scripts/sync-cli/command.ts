// The shared body of `npm run sync` and `npm run sync:stock`: parse and validate the options,
// run, print progress and the summary (or one JSON object with --json), return the exit code.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { runSync } from "@/lib/runtime";
import { describeIssues, syncRequestSchema } from "@/lib/sync/options";
import { createProgressView, formatSummary } from "./render";

const optionNames: Record<string, string> = {
  type: "--type",
  marketplace: "--marketplace",
  pageSize: "--page-size",
  daysBack: "--days-back",
};

export async function runSyncCommand(
  argv: string[],
  command: { usage: string; fixedType?: "stock" },
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...(command.fixedType ? {} : { type: { type: "string" } }),
        marketplace: { type: "string" },
        "page-size": { type: "string" },
        ...(command.fixedType ? {} : { "days-back": { type: "string" } }),
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${command.usage}`);
    return 2;
  }
  if (values.help) {
    console.error(command.usage);
    return 0;
  }
  const parsed = syncRequestSchema.safeParse({
    type: command.fixedType ?? values.type,
    marketplace: values.marketplace,
    pageSize: values["page-size"],
    daysBack: values["days-back"],
    trigger: "cli",
  });
  if (!parsed.success) {
    console.error(
      `${describeIssues(parsed.error, (key) => optionNames[key] ?? key)}\n\n${command.usage}`,
    );
    return 2;
  }
  const json = values.json === true;
  // Progress and the summary say what matters; info logs only when asked for.
  if (env().LOG_LEVEL === undefined) logger.level = values.verbose ? "info" : "warn";
  const view = createProgressView({
    tty: !json && process.stderr.isTTY === true,
    verbose: values.verbose === true,
  });
  try {
    const summary = await runSync({ ...parsed.data, onProgress: view.onProgress });
    view.stop();
    if (json) {
      process.stdout.write(`${JSON.stringify({ ok: summary.exitCode === 0, ...summary })}\n`);
    } else {
      process.stdout.write(formatSummary(summary));
    }
    return summary.exitCode;
  } catch (error) {
    view.stop();
    const notFound = error instanceof AppError && error.code === "not_found";
    const message = error instanceof Error ? error.message : String(error);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, exitCode: notFound ? 2 : 1, error: message })}\n`,
      );
    }
    console.error(notFound ? message : `Sync failed: ${message}`);
    return notFound ? 2 : 1;
  }
}
