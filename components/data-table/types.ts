import type { FilterKind, FilterOption } from "@/lib/lists/define";
import type { QueryResult } from "@/lib/queries/settle";

/** A page of rows as a list query returns it; extra totals may ride along. */
export interface TablePage<TData> {
  rows: TData[];
  total: number;
}

export type TableResult<TPage extends TablePage<unknown>> = QueryResult<TPage>;

export type { FilterOption };

/** A filter control in the toolbar, resolved from a list spec; `id` is its URL parameter. */
export interface FilterField {
  id: string;
  label: string;
  kind: Exclude<FilterKind, "search">;
  options: readonly FilterOption[];
  placeholder?: string;
}
