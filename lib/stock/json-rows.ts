// Rows handed to PostgreSQL as one JSON parameter (one round trip, any driver, any size).
import { type SQL, sql } from "drizzle-orm";

/**
 * `(select * from json_to_recordset($1) as alias(columns) limit n) alias`: a row source for
 * FROM/JOIN. The LIMIT is the exact row count: without it the planner guesses 100 rows for
 * any function and picks sequential scans of big tables for a handful of rows.
 */
export function jsonRows(rows: readonly object[], alias: string, columns: string): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad alias ${alias}`);
  return sql`(select * from json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.raw(alias)}(${sql.raw(columns)}) limit ${sql.raw(String(Math.max(rows.length, 1)))}) ${sql.raw(alias)}`;
}
