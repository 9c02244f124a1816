// The places a secret must never reach, read as scanner sources.
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { Source } from "./scan";

/** Every file under a build's `static` directory (what browsers download). */
export function* bundleSources(staticDir: string): Generator<Source> {
  if (!existsSync(staticDir)) return;
  for (const entry of readdirSync(staticDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    yield {
      kind: "client bundle",
      where: path.relative(path.dirname(staticDir), file),
      text: readFileSync(file, "latin1"),
    };
  }
}

/** A captured log file, line by line. */
export async function* logSources(file: string): AsyncGenerator<Source> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    yield { kind: "server log", where: `${path.basename(file)}:${number}`, text: line };
  }
}

const TEXTUAL_TYPES = ["text", "character varying", "character", "json", "jsonb", "ARRAY"];

interface TextColumn extends Record<string, unknown> {
  table_schema: string;
  table_name: string;
  column_name: string;
}

/**
 * Every non-null text, json and array cell of every user table, in any schema. Audit rows
 * come out as their own kind, so a report says which of the two leaked.
 */
export async function* databaseSources(db: Executor): AsyncGenerator<Source> {
  const columns = await queryRows<TextColumn>(
    db,
    sql`select c.table_schema, c.table_name, c.column_name
          from information_schema.columns c
          join information_schema.tables t
            on t.table_schema = c.table_schema and t.table_name = c.table_name
         where t.table_type = 'BASE TABLE'
           and c.table_schema not in ('pg_catalog', 'information_schema')
           and c.data_type in (${sql.join(
             TEXTUAL_TYPES.map((type) => sql`${type}`),
             sql`, `,
           )})
         order by 1, 2, c.ordinal_position`,
  );
  for (const column of columns) {
    const table = sql`${sql.identifier(column.table_schema)}.${sql.identifier(column.table_name)}`;
    const cell = sql.identifier(column.column_name);
    const rows = await queryRows<{ row: string; value: string }>(
      db,
      sql`select ctid::text as row, ${cell}::text as value from ${table} where ${cell} is not null`,
    );
    const kind = column.table_name === "audit_log" ? "audit log" : "database";
    for (const row of rows) {
      yield {
        kind,
        where: `${column.table_schema}.${column.table_name}.${column.column_name} (row ${row.row})`,
        text: row.value,
      };
    }
  }
}
