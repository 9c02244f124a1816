import type { QueryResult } from "@/lib/queries/settle";

/** A page of rows as a list query returns it; extra totals may ride along. */
export interface TablePage<TData> {
  rows: TData[];
  total: number;
}

export type TableResult<TPage extends TablePage<unknown>> = QueryResult<TPage>;

export interface FilterOption {
  value: string;
  label: string;
}

/** A filter control in the toolbar; `id` is its URL parameter. */
export type FilterField =
  | { id: string; label: string; kind: "multi"; options: FilterOption[] }
  | { id: string; label: string; kind: "select"; options: FilterOption[] }
  | { id: string; label: string; kind: "text"; placeholder?: string }
  | { id: string; label: string; kind: "date" }
  | { id: string; label: string; kind: "toggle" };

export interface DefaultSort {
  id: string;
  desc: boolean;
}
