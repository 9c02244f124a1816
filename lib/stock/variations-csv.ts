// Parses a variations CSV (`sku,name,on_hand`, a header line first). Every bad row is
// reported with its line number, and a file with any bad row yields no rows at all.

import { z } from "zod";
import { type CsvProblem, readCsv } from "@/lib/csv/read";
import { type VariationInput, variationInputSchema } from "./variations";

export const CSV_COLUMNS = ["sku", "name", "on_hand"] as const;

export type ParsedVariationsCsv =
  | { ok: true; rows: VariationInput[] }
  | { ok: false; problems: CsvProblem[] };

const csvRowSchema = z.object({
  sku: z.string(),
  name: z.string(),
  on_hand: z
    .string()
    .trim()
    .regex(/^\d+$/, "on_hand must be a whole number ≥ 0")
    .transform(Number)
    .pipe(z.number().max(2_147_483_647, "on_hand is too large")),
});

export function parseVariationsCsv(text: string): ParsedVariationsCsv {
  const read = readCsv(text, CSV_COLUMNS);
  if (!read.ok) return read;

  const problems: CsvProblem[] = [];
  const rows: VariationInput[] = [];
  const lineBySku = new Map<string, number>();
  for (const { line, record } of read.records) {
    const parsed = csvRowSchema
      .transform((row): VariationInput => ({ sku: row.sku, name: row.name, onHand: row.on_hand }))
      .pipe(variationInputSchema)
      .safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "row";
        problems.push({ line, message: `${field}: ${issue.message}` });
      }
      continue;
    }
    const earlier = lineBySku.get(parsed.data.sku);
    if (earlier !== undefined) {
      problems.push({ line, message: `sku ${parsed.data.sku} already on line ${earlier}` });
      continue;
    }
    lineBySku.set(parsed.data.sku, line);
    rows.push(parsed.data);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ line: 0, message: "no rows" }] };
  return { ok: true, rows };
}
