// Table and column names for hand-written SQL, taken from the drizzle schema, so that a
// renamed table or column fails tsc instead of a statement at run time.
//
//   const l = alias(marketplaceStockLocks, "l");
//   sql`update ${source(l)} set ${bare(l.status)} = 'consumed' where ${l.id} = ${id}`
//
// An alias's columns render qualified ("l"."status"), so a correlated subquery always says
// which table it means (the drizzle trap: a plain table's column renders bare, as "id", when
// a query builder selects from that table alone).
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { PgDialect, type PgTable } from "drizzle-orm/pg-core";

export { alias } from "drizzle-orm/pg-core";

// drizzle's own key for a table's real name (an alias keeps it; its name is the alias).
const originalName = Symbol.for("drizzle:OriginalName");

/** `"table" "alias"`: an alias (from `alias(table, name)`) as a FROM, JOIN or UPDATE target. */
export function source(aliased: PgTable): SQL {
  const original = (aliased as unknown as Record<symbol, string | undefined>)[originalName];
  if (!original) throw new Error("not a drizzle table");
  return sql`${sql.identifier(original)} ${aliased}`;
}

/** A column without its table, where SQL wants one: INSERT lists, UPDATE … SET targets. */
export function bare(column: AnyColumn): SQL {
  return sql`${sql.identifier(column.name)}`;
}

/** `(a, b, c)`: a bare column list (INSERT INTO t (…), RETURNING …). */
export function bareList(...columns: AnyColumn[]): SQL {
  return sql`(${sql.join(columns.map(bare), sql`, `)})`;
}

const dialect = new PgDialect();

/**
 * A fragment without parameters rendered to text once: statements on the write path are
 * built per transaction, and rendering their schema names every time was a measurable part
 * of a bulk sync (bench:locks). Build such fragments at module load.
 */
export function frozen(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length > 0) throw new Error(`a frozen fragment takes no parameters: ${text}`);
  return sql.raw(text);
}
