// npm run cli -- listings set --marketplace=ID|CODE --sku=SKU [--buffer=N] [--max=N|none]
//                               [--share=P|none] [--zero-at=N|none] [--actor=NAME] [--json]
// npm run cli -- listings import FILE.csv [--actor=NAME] [--json]
// Changes listings' allocation rules (lib/stock/listing-rules.ts): audited, and the pushes of
// every listing whose publishable quantity moved are sent before the command exits.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import type { CsvProblem } from "@/lib/csv/read";
import { explanationLines } from "@/lib/domain/publishable-explain";
import { drainPushOutbox, type PushSummary } from "@/lib/runtime";
import { readListingExplanation } from "@/lib/stock/listing-explanation";
import {
  importListingRules,
  type ListingRuleExample,
  type SetListingRulesResult,
  setListingRules,
} from "@/lib/stock/listing-rules";
import {
  offOr,
  parseListingRulesCsv,
  resolveListings,
  toRulesRows,
  wholeNumberText,
} from "@/lib/stock/listing-rules-csv";
import {
  type ListingRulesPatch,
  listingRulesPatchSchema,
  MAX_RULE_QUANTITY,
} from "@/lib/validations/listing-rules";
import { exitCodeOf, UsageError } from "./usage";

export const usage = `usage:
  npm run cli -- listings set --marketplace=ID|CODE --sku=SKU [--buffer=N] [--max=N|none]
                              [--share=P|none] [--zero-at=N|none] [--actor=NAME] [--json]
  npm run cli -- listings import FILE.csv [--actor=NAME] [--json]

  --buffer    units held back from this marketplace
  --max       never publish more than N (none: no cap)
  --share     publish P % (1–100) of what is left after the buffer, rounded down (none: 100 %)
  --zero-at   publish 0 while available is at or below N (none: off)
  FILE.csv    columns marketplace,sku,buffer,max_quantity,share_percent,zero_at_or_below; each
              line sets all four rules of its listing (empty cap/share/zero-at: off, empty
              buffer: 0); any bad line and nothing is stored
  --actor     who makes the change, for the audit log (default: cli)
  --json      print one JSON summary on stdout
Exit codes: 0 done, 1 nothing changed (unknown marketplace, SKU or listing, bad file), 2 bad arguments.`;

const options = {
  marketplace: { type: "string" },
  sku: { type: "string" },
  buffer: { type: "string" },
  max: { type: "string" },
  share: { type: "string" },
  "zero-at": { type: "string" },
  actor: { type: "string" },
  json: { type: "boolean" },
} as const;

const MAX_PROBLEMS_SHOWN = 50;

const count = (what: string, max: number) => wholeNumberText(max, `--${what}`);
const orNone = <T>(schema: z.ZodType<T, string>) => offOr(schema, ["none"]);

const setFlagsSchema = z.object({
  marketplace: z.string({ error: "--marketplace is required" }).min(1),
  sku: z.string({ error: "--sku is required" }).min(1),
  buffer: count("buffer", MAX_RULE_QUANTITY).optional(),
  max: orNone(count("max", MAX_RULE_QUANTITY)).optional(),
  share: orNone(count("share", 100)).optional(),
  "zero-at": orNone(count("zero-at", MAX_RULE_QUANTITY)).optional(),
  actor: z.string().trim().min(1).max(200).default("cli"),
  json: z.boolean().default(false),
});

function parseOrUsage<T>(schema: z.ZodType<T>, values: unknown): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error));
  return parsed.data;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true });
    const [command, ...rest] = positionals;
    if (command === "set" && rest.length === 0) return await runSet(values);
    if (command === "import" && rest.length === 1)
      return await runImport(rest[0] as string, values);
    throw new UsageError(
      command === "set" || command === "import"
        ? `unexpected arguments: ${rest.join(" ") || "(a FILE.csv is needed)"}`
        : command
          ? `unknown command "${command}"`
          : "missing command",
    );
  } catch (error) {
    return exitCodeOf(error, usage);
  }
}

async function runSet(values: Record<string, unknown>): Promise<number> {
  const flags = parseOrUsage(setFlagsSchema, values);
  const patch: ListingRulesPatch = {
    buffer: flags.buffer,
    maxQuantity: flags.max,
    sharePercent: flags.share,
    zeroAtOrBelow: flags["zero-at"],
  };
  const checked = listingRulesPatchSchema.safeParse(patch);
  if (!checked.success) throw new UsageError(z.prettifyError(checked.error));
  const db = await getDb();
  const found = await resolveListings(db, [
    { line: 0, marketplace: flags.marketplace, sku: flags.sku },
  ]);
  if (!found.ok) return reportProblems(found.problems, flags.json, (p) => `Error: ${p.message}`);
  const listingId = found.rows[0]?.listingId as number;
  const result = await db.transaction((tx) =>
    setListingRules(tx, { listingIds: [listingId] }, checked.data, {
      actor: actorOf(flags.actor),
      scope: { via: "cli", marketplace: flags.marketplace, sku: flags.sku },
    }),
  );
  const push = await pushAfter(db, result);
  const explanation = await readListingExplanation(db, listingId);
  if (flags.json) {
    console.log(JSON.stringify({ ok: true, ...summaryOf(result), push, explanation }));
    return 0;
  }
  const change = result.changes[0];
  if (!change) console.error(`${flags.marketplace} ${flags.sku}: the rules were already so.`);
  else console.error(describeChange(change));
  if (explanation) {
    console.error("why this quantity:");
    for (const line of explanationLines(explanation)) console.error(`  ${line}`);
  }
  if (push) console.error(describePush(push));
  return 0;
}

async function runImport(file: string, values: Record<string, unknown>): Promise<number> {
  const flags = parseOrUsage(
    z.object({
      actor: z.string().trim().min(1).max(200).default("cli"),
      json: z.boolean().default(false),
    }),
    { actor: values.actor, json: values.json },
  );
  if (
    values.marketplace ||
    values.sku ||
    values.buffer ||
    values.max ||
    values.share ||
    values["zero-at"]
  ) {
    throw new UsageError("import takes its rules from the file, not from flags");
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const csv = parseListingRulesCsv(text);
  const at = (p: CsvProblem) => `${file}:${p.line}: ${p.message}`;
  if (!csv.ok) return reportProblems(csv.problems, flags.json, at);
  const db = await getDb();
  const found = await resolveListings(db, csv.rows);
  if (!found.ok) return reportProblems(found.problems, flags.json, at);
  const result = await db.transaction((tx) =>
    importListingRules(tx, toRulesRows(found.rows), {
      actor: actorOf(flags.actor),
      scope: { via: "cli", file },
    }),
  );
  const push = await pushAfter(db, result);
  if (flags.json)
    console.log(JSON.stringify({ ok: true, applied: true, ...summaryOf(result), push }));
  else {
    console.error(
      `imported ${found.rows.length} line(s): ${result.changed} listing(s) changed, ` +
        `${result.pushesQueued} with a new publishable quantity`,
    );
    for (const change of result.changes.slice(0, 20)) console.error(`  ${describeChange(change)}`);
    if (result.changes.length > 20) console.error(`  … and ${result.changes.length - 20} more`);
    if (push) console.error(describePush(push));
  }
  return 0;
}

/** The CLI's actor: a name, recorded in the audit log as the email field. */
function actorOf(name: string) {
  return { email: name };
}

function reportProblems(
  problems: CsvProblem[],
  json: boolean,
  format: (problem: CsvProblem) => string,
): number {
  if (json) console.log(JSON.stringify({ ok: false, applied: false, problems }));
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) console.error(format(problem));
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    console.error(`… and ${problems.length - MAX_PROBLEMS_SHOWN} more problems`);
  }
  console.error(`${problems.length} problem(s); nothing was changed.`);
  return 1;
}

/** After commit: the moved quantities go out now (what fails stays queued for the next drain). */
async function pushAfter(db: Database, result: SetListingRulesResult): Promise<PushSummary | null> {
  if (result.pushesQueued === 0) return null;
  try {
    return await drainPushOutbox(db);
  } catch (error) {
    console.error(`push not finished (${(error as Error).message}); the next sync sends it`);
    return null;
  }
}

function summaryOf(result: SetListingRulesResult) {
  return {
    matched: result.matched,
    changed: result.changed,
    pushesQueued: result.pushesQueued,
    changes: result.changes,
  };
}

const rule = {
  cap: (value: number | null) => (value === null ? "none" : String(value)),
  share: (value: number | null) => `${value ?? 100} %`,
  zero: (value: number | null) => (value === null ? "off" : `≤ ${value}`),
};

function describeChange(change: ListingRuleExample): string {
  const { before, after } = change;
  const parts: string[] = [];
  if (before.buffer !== after.buffer) parts.push(`buffer ${before.buffer} → ${after.buffer}`);
  if (before.maxQuantity !== after.maxQuantity) {
    parts.push(`max ${rule.cap(before.maxQuantity)} → ${rule.cap(after.maxQuantity)}`);
  }
  if (before.sharePercent !== after.sharePercent) {
    parts.push(`share ${rule.share(before.sharePercent)} → ${rule.share(after.sharePercent)}`);
  }
  if (before.zeroAtOrBelow !== after.zeroAtOrBelow) {
    parts.push(`zero at ${rule.zero(before.zeroAtOrBelow)} → ${rule.zero(after.zeroAtOrBelow)}`);
  }
  const moved =
    before.publishable === after.publishable
      ? `publishable stays ${after.publishable}`
      : `publishable ${before.publishable} → ${after.publishable} (push queued)`;
  return `${change.marketplaceCode} ${change.sku}: ${parts.join(", ")}; ${moved}`;
}

function describePush(push: PushSummary): string {
  return `pushed ${push.pushed}, unchanged ${push.unchanged}, failed ${push.failed} (stay queued), deferred ${push.deferred}`;
}
