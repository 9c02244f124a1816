// One typed spec per list: its columns (header, sortable, CSV fields), its filters (control kind,
// label, options, URL parser), its default sort and page size. The client table, the server's
// URL parsing, the query's filter builder (lib/queries, typed against the filter ids here) and
// the CSV export all read the same object. No database import: the spec runs in the browser.
import { createLoader, type inferParserType, type SingleParserBuilder } from "nuqs/server";
import type { Role } from "@/lib/auth/roles";
import type { CsvColumn, CsvValue } from "@/lib/csv/encode";
import {
  expectationOf,
  integerIn,
  type ListParser,
  type PageSize,
  perPageValue,
  type SortSpec,
  sortValue,
} from "./parsers";

export interface FilterOption {
  value: string;
  label: string;
}

/** `search` is the toolbar's search box; the others are filter controls. */
export type FilterKind = "search" | "multi" | "select" | "text" | "date" | "toggle";

export interface FilterSpec<T = unknown> {
  kind: FilterKind;
  label: string;
  parser: ListParser<T>;
  /** multi/select: the values offered, or "dynamic" when the page supplies them (marketplaces). */
  options?: readonly FilterOption[] | "dynamic";
  placeholder?: string;
}

/**
 * One CSV field: a row field by name, or (rarely) a value computed from the row. A computed
 * value needs its parameter annotated (`(row: AuditRow) => …`), or the ids lose their types.
 */
export type CsvField<Row> =
  | { header: string; field: keyof Row & string }
  | { header: string; value: (row: Row) => CsvValue };

export interface ColumnSpec<Row> {
  /** Column header in the table; a column without one is in the CSV (or sortable) only. */
  header?: string;
  /** Whether the server can sort by it (the query maps the id to an expression). */
  sortable?: boolean;
  /** The CSV fields this column exports, in order; the CSV follows the columns' order. */
  csv?: readonly CsvField<Row>[];
}

type Columns<Row> = Record<string, ColumnSpec<Row>>;
// biome-ignore lint/suspicious/noExplicitAny: a filter map holds parsers of many value types
type Filters = Record<string, FilterSpec<any>>;
// biome-ignore lint/suspicious/noExplicitAny: idem
type ExtraParams = Record<string, ListParser<any>>;

type SortIds<C> = {
  [K in keyof C & string]: C[K] extends { sortable: true } ? K : never;
}[keyof C & string];
type HeaderIds<C> = {
  [K in keyof C & string]: C[K] extends { header: string } ? K : never;
}[keyof C & string];

export interface ListDefinition<Row, C extends Columns<Row>, F extends Filters, P> {
  /** The table's accessible name. */
  label: string;
  /** `/api/export/<name>` streams this list as CSV to callers with at least `role`. */
  export?: { name: string; role: Role };
  columns: C;
  filters: F;
  defaultSort: SortSpec<SortIds<C>>;
  defaultPerPage?: PageSize;
  /** URL parameters that are neither filters nor table state (e.g. a threshold in days). */
  params?: P;
}

type WithDefault<T> = ReturnType<SingleParserBuilder<T>["withDefault"]> & { expected: string };

export type ListParsers<C, F extends Filters, P> = {
  page: WithDefault<number>;
  perPage: WithDefault<number>;
  sort: WithDefault<SortSpec<SortIds<C>>>;
} & { [K in keyof F]: F[K]["parser"] } & P;

export interface List<Row, C extends Columns<Row>, F extends Filters, P>
  extends ListDefinition<Row, C, F, P> {
  sortIds: readonly SortIds<C>[];
  parsers: ListParsers<C, F, P>;
  /** Row type carrier for the helpers below (never set at runtime). */
  readonly row?: Row;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest list, for generic code
export type AnyList = List<any, any, any, any>;
/** Every URL value of a list, parsed: defaults applied, absent filters null. */
export type ListValues<L extends AnyList> = inferParserType<L["parsers"]>;
export type FilterId<L extends AnyList> = keyof L["filters"] & string;
export type FilterValues<L extends AnyList> = {
  [K in FilterId<L>]: inferParserType<L["filters"][K]["parser"]>;
};
export type SortId<L extends AnyList> = SortIds<L["columns"]>;
export type ColumnId<L extends AnyList> = keyof L["columns"] & string;
/** Columns the table shows (those with a header). */
export type TableColumnId<L extends AnyList> = HeaderIds<L["columns"]>;
export type RowOf<L extends AnyList> = NonNullable<L["row"]>;

/**
 * `defineList<Row>()({...})`: the row type is given, the ids are inferred, so a typo in a
 * filter or column id anywhere that reads the list fails to compile.
 */
export function defineList<Row>() {
  return <
    const C extends Columns<Row>,
    const F extends Filters,
    const P extends ExtraParams = Record<never, never>,
  >(
    definition: ListDefinition<Row, C, F, P>,
  ): List<Row, C, F, P> => {
    const sortIds = Object.entries(definition.columns)
      .filter(([, column]) => column.sortable)
      .map(([id]) => id as SortIds<C>);
    const filterParsers = Object.fromEntries(
      Object.entries(definition.filters).map(([id, filter]) => [id, filter.parser]),
    );
    const parsers = {
      page: integerIn(1, 1_000_000).withDefault(1),
      perPage: perPageValue.withDefault(definition.defaultPerPage ?? 50),
      sort: sortValue(sortIds).withDefault(definition.defaultSort),
      ...filterParsers,
      ...definition.params,
    } as unknown as ListParsers<C, F, P>;
    return { ...definition, sortIds, parsers };
  };
}

/** What Next hands a page: `?a=1&a=2` becomes an array. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export interface InvalidParam {
  param: string;
  message: string;
}

export interface ParsedList<L extends AnyList> {
  values: ListValues<L>;
  /** Parameters that were present but invalid (and replaced by their default), with why. */
  invalid: InvalidParam[];
}

/** The first non-empty value of every key: `?status=` is absent, `?page=2&page=5` is 2. */
function firstValues(raw: RawSearchParams | URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  const entries =
    raw instanceof URLSearchParams
      ? [...new Set(raw.keys())].map((key) => [key, raw.getAll(key)] as const)
      : Object.entries(raw);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value.find((v) => v !== "") : value;
    if (first !== undefined && first !== "") params.set(key, first);
  }
  return params;
}

const loaders = new WeakMap<AnyList, ReturnType<typeof createLoader>>();

/**
 * Parses a list's URL with nuqs' server loader (the parsers the client hooks use): a bad value
 * falls back to that parameter's default and is reported, so one typo in a shared URL does
 * not blank the whole page.
 */
export function parseListParams<L extends AnyList>(
  list: L,
  raw: RawSearchParams | URLSearchParams,
): ParsedList<L> {
  const params = firstValues(raw);
  let load = loaders.get(list);
  if (!load) {
    load = createLoader(list.parsers);
    loaders.set(list, load);
  }
  const values = load(params) as ListValues<L>;
  const invalid: InvalidParam[] = [];
  for (const [key, parser] of Object.entries(list.parsers as Record<string, ListParser<unknown>>)) {
    const value = params.get(key);
    if (value !== null && parser.parse(value) === null) {
      invalid.push({ param: key, message: expectationOf(parser) });
    }
  }
  return { values, invalid };
}

/** The CSV columns of a list, in column order. */
export function csvColumnsOf<L extends AnyList>(list: L): CsvColumn<RowOf<L>>[] {
  return Object.values(list.columns as Columns<RowOf<L>>).flatMap((column) =>
    (column.csv ?? []).map((field) =>
      "field" in field
        ? { header: field.header, value: (row: RowOf<L>) => row[field.field] as CsvValue }
        : field,
    ),
  );
}
