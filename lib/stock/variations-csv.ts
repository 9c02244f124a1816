// Parses a variations CSV (`sku,name,on_hand`, a header line first). Every bad row is
// reported with its line number, and a file with any bad row yields no rows at all.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { type VariationInput, variationInputSchema } from "./variations";

export const CSV_COLUMNS = ["sku", "name", "on_hand"] as const;

export interface CsvProblem {
  /** 1-based line in the file (0: the file as a whole). */
  line: number;
  message: string;
}

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
  let records: { info: { lines: number }; record: Record<string, string> }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, problems: [{ line, message: (error as Error).message }] };
  }
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const columns = header.split(",").map((name) => name.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((column) => !columns.includes(column));
  const extra = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      extra.length > 0 ? `unexpected ${extra.join(", ")}` : "",
    ].filter(Boolean);
    return {
      ok: false,
      problems: [
        { line: 1, message: `columns must be ${CSV_COLUMNS.join(",")}: ${parts.join("; ")}` },
      ],
    };
  }

  const problems: CsvProblem[] = [];
  const rows: VariationInput[] = [];
  const lineBySku = new Map<string, number>();
  for (const { info, record } of records) {
    const line = info.lines;
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
