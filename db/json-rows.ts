// Rows handed to PostgreSQL as one JSON parameter (one round trip, any driver, any size).
import { type SQL, sql } from "drizzle-orm";

/**
 * `(select * from json_to_recordset($1) as alias(columns) limit n) alias`: a row source for
 * FROM/JOIN. The LIMIT tells the planner about how many rows come: without it, it guesses 100
 * rows for any function and picks sequential scans of big tables for a handful of rows. It is
 * the row count rounded up to a power of two, so that batches of varying sizes share a few
 * prepared statements instead of preparing one per size.
 */
export function jsonRows(rows: readonly object[], alias: string, columns: string): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad alias ${alias}`);
  return sql`(select * from json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.raw(alias)}(${sql.raw(columns)}) limit ${sql.raw(String(rowLimit(rows.length)))}) ${sql.raw(alias)}`;
}

function rowLimit(count: number): number {
  let limit = 1;
  while (limit < count) limit *= 2;
  return limit;
}
