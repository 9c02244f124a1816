// npm run cli -- variations import FILE.csv [--actor=NAME] [--json]
// Upserts variations by SKU from `sku,name,on_hand`; all or nothing: any bad row is
// reported with its line number and nothing is applied. Unmapped order lines whose SKU
// appears are mapped (and locked while open).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb } from "@/db/client";
import { upsertVariations } from "@/lib/runtime";
import { parseVariationsCsv } from "@/lib/stock/variations-csv";

export const usage = `usage: npm run cli -- variations import FILE.csv [--actor=NAME] [--json]

  FILE.csv   columns sku,name,on_hand (header line first); upsert by sku
  --actor    who is importing, written to the stock ledger (default: cli)
  --json     print one JSON summary on stdout`;

const optionsSchema = z.object({
  actor: z.string().trim().min(1).max(200).default("cli"),
  json: z.boolean().default(false),
});

const MAX_PROBLEMS_SHOWN = 50;

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { actor: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [command, file, ...rest] = parsed.positionals;
  const options = optionsSchema.safeParse(parsed.values);
  if (command !== "import" || !file || rest.length > 0 || !options.success) {
    console.error(options.success ? usage : `${z.prettifyError(options.error)}\n${usage}`);
    return 2;
  }

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const started = performance.now();
  const csv = parseVariationsCsv(text);
  if (!csv.ok) {
    if (options.data.json) {
      console.log(JSON.stringify({ ok: false, applied: false, problems: csv.problems }));
    }
    for (const problem of csv.problems.slice(0, MAX_PROBLEMS_SHOWN)) {
      console.error(`${file}:${problem.line}: ${problem.message}`);
    }
    if (csv.problems.length > MAX_PROBLEMS_SHOWN) {
      console.error(`… and ${csv.problems.length - MAX_PROBLEMS_SHOWN} more problems`);
    }
    console.error(`${csv.problems.length} problem(s); nothing was imported.`);
    return 1;
  }

  const db = await getDb();
  const result = await db.transaction((tx) =>
    upsertVariations(tx, csv.rows, { actor: options.data.actor, note: `csv import ${file}` }),
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = { ok: true, applied: true, rows: csv.rows.length, ...result, seconds };
  if (options.data.json) console.log(JSON.stringify(summary));
  else {
    console.error(
      `imported ${csv.rows.length} rows in ${seconds.toFixed(1)} s: ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged; ${result.itemsMapped} ` +
        `order line(s) mapped, ${result.locksCreated} locked`,
    );
  }
  return 0;
}
