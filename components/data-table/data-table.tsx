"use client";

import { type ReactNode, use } from "react";
import type { AnyList, FilterId, FilterOption, RowOf } from "@/lib/lists/define";
import { DataTableError } from "./data-table-error";
import { DataTableGrid } from "./data-table-grid";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import type { TablePage, TableResult } from "./types";
import {
  type LeadingColumn,
  type ListCells,
  toggleableColumns,
  useListColumns,
  useListTable,
} from "./use-list-table";
import { useListUrl } from "./use-table-url";

export type { DataTableColumn, LeadingColumn, ListCells } from "./use-list-table";

export interface DataTableProps<L extends AnyList, TPage extends TablePage<RowOf<L>>> {
  /** The list's spec: columns, filters, sort, URL parsers, export. */
  list: L;
  /** The page query, started by the server component; the table suspends until it settles. */
  promise: Promise<TableResult<TPage>>;
  /** How each of the spec's table columns renders a row (keep the object stable: module scope or useMemo). */
  cells: ListCells<L>;
  getRowId: (row: RowOf<L>) => string;
  /** Options of the spec's "dynamic" filters (e.g. the marketplaces). */
  filterOptions?: Partial<Record<FilterId<L>, readonly FilterOption[]>>;
  /** A last, non-hideable column of per-row actions (keep it stable). */
  rowActions?: (row: RowOf<L>) => ReactNode;
  /** A first column before the spec's (e.g. row selection). */
  leadingColumn?: LeadingColumn<RowOf<L>>;
  emptyMessage?: string;
  /** Highlight rows (oversold, stale, failed…). */
  rowClassName?: (row: RowOf<L>) => string | undefined;
  /** Totals above the table, from the same query. */
  caption?: (page: TPage) => ReactNode;
}

export function DataTable<L extends AnyList, TPage extends TablePage<RowOf<L>>>(
  props: DataTableProps<L, TPage>,
) {
  const result = use(props.promise);
  const page = result.ok ? result.data : undefined;
  const url = useListUrl(props.list);
  const columns = useListColumns(props.list, props.cells, props.rowActions, props.leadingColumn);
  const table = useListTable<L>(url, columns, page, props.getRowId);
  return (
    <div>
      <DataTableToolbar
        list={props.list}
        url={url}
        filterOptions={props.filterOptions}
        columns={toggleableColumns(table)}
      />
      {!result.ok ? (
        <DataTableError message={result.error.message} code={result.error.code} />
      ) : (
        <>
          {props.caption && page ? (
            <div className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
              {props.caption(page)}
            </div>
          ) : null}
          <DataTableGrid
            table={table}
            label={props.list.label}
            pending={url.isPending}
            emptyMessage={props.emptyMessage}
            rowClassName={props.rowClassName}
          />
          <DataTablePagination
            pageIndex={url.state.page - 1}
            pageSize={url.state.perPage}
            total={page?.total ?? 0}
            pageCount={table.getPageCount()}
            onPageIndex={(index) => table.setPageIndex(index)}
            onPageSize={(size) => url.update({ perPage: size, page: null })}
          />
        </>
      )}
    </div>
  );
}
