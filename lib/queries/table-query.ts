// The one place where list pages turn typed filters and a sort into SQL. Every filter id and
// sort id is looked up in a per-entity whitelist; user input only ever reaches SQL as a bound
// parameter.
import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  lt,
  type SQL,
  type SQLWrapper,
} from "drizzle-orm";
import type { AnyList, FilterValues, SortId } from "@/lib/lists/define";
import type { SortSpec } from "@/lib/lists/parsers";

export type Expr = AnyColumn | SQL;

/** How one URL filter becomes a condition. */
export type FilterDef<V> =
  /** value ∈ list */
  | { kind: "in"; expr: Expr }
  /** value = scalar */
  | { kind: "eq"; expr: Expr }
  /** date ≥ value (inclusive day start) */
  | { kind: "from"; expr: Expr }
  /** date < value + 1 day (the "to" day is included) */
  | { kind: "to"; expr: Expr }
  /** anything else: built from the typed value, parameters only */
  | { kind: "where"; build: (value: V) => SQL | undefined };

/** One definition per filter key: a key without a definition cannot filter anything. */
export type FilterDefs<F> = { [K in keyof F]-?: FilterDef<NonNullable<F[K]>> };

/** How each filter of a list spec becomes SQL: exactly the spec's filter ids, typed by value. */
export type ListFilterSql<L extends AnyList> = FilterDefs<FilterValues<L>>;

/** The expression each sortable column of a list spec sorts by. */
export type ListSortSql<L extends AnyList> = Record<SortId<L>, Expr>;

const DAY_MS = 86_400_000;

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** AND of every filter that has a value; undefined when none has. */
export function buildWhere<F extends Record<string, unknown>>(
  defs: FilterDefs<F>,
  filters: F,
): SQL | undefined {
  const conditions: SQL[] = [];
  for (const key of Object.keys(defs) as (keyof F & string)[]) {
    const value = filters[key];
    if (isEmpty(value)) continue;
    const def = defs[key] as FilterDef<unknown>;
    const condition = toCondition(def, value);
    if (condition) conditions.push(condition);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

function toCondition(def: FilterDef<unknown>, value: unknown): SQL | undefined {
  switch (def.kind) {
    case "in":
      return inArray(def.expr as AnyColumn, value as unknown[]);
    case "eq":
      return eq(def.expr as AnyColumn, value);
    case "from":
      return gte(def.expr as AnyColumn, value as Date);
    case "to":
      return lt(def.expr as AnyColumn, new Date((value as Date).getTime() + DAY_MS));
    case "where":
      return def.build(value);
  }
}

/**
 * ORDER BY for a whitelisted sort, with a unique tiebreak so pages never overlap.
 * PostgreSQL's default null placement is kept (last ascending, first descending): it is the
 * order a plain b-tree index returns, so a sorted first page is an index scan, not a sort.
 */
export function buildOrderBy<Id extends string>(
  sortable: Record<Id, Expr>,
  sort: SortSpec<Id>,
  tiebreak: Expr,
): SQL[] {
  const direction = sort.desc ? desc : asc;
  return [direction(sortable[sort.id] as SQLWrapper), direction(tiebreak as SQLWrapper)];
}

/** LIKE pattern from user text: %, _ and \ are matched literally. */
export function likePattern(text: string, match: "prefix" | "contains"): string {
  const escaped = text.replace(/[\\%_]/g, (char) => `\\${char}`);
  return match === "prefix" ? `${escaped}%` : `%${escaped}%`;
}

export function pageOffset(page: number, perPage: number): number {
  return (page - 1) * perPage;
}

/** Every row of a list, `batchSize` at a time (CSV exports): `page(limit, offset)` in turn. */
export async function* batchesOf<Row>(
  page: (limit: number, offset: number) => Promise<Row[]>,
  batchSize = 5000,
): AsyncGenerator<Row[]> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await page(batchSize, offset);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}
