// Reads an import CSV whose first line names exactly the expected columns (any order, any
// case): the records with their line numbers, or the problem that stops the whole file (a
// parse error at its line, or the header's missing and unexpected columns on line 1).
import { parse } from "csv-parse/sync";

export interface CsvProblem {
  /** 1-based line in the file (0: the file as a whole). */
  line: number;
  message: string;
}

export interface CsvRecord {
  /** The record's last line in the file. */
  line: number;
  record: Record<string, string>;
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] };

export function readCsv(text: string, expected: readonly string[]): CsvRead {
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
  const missing = expected.filter((column) => !columns.includes(column));
  const extra = columns.filter((column) => !expected.includes(column));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      extra.length > 0 ? `unexpected ${extra.join(", ")}` : "",
    ].filter(Boolean);
    const message = `columns must be ${expected.join(",")}: ${parts.join("; ")}`;
    return { ok: false, problems: [{ line: 1, message }] };
  }
  return {
    ok: true,
    records: records.map(({ info, record }) => ({ line: info.lines, record })),
  };
}
