"use client";

import {
  type ColumnDef,
  type ColumnVisibilityState,
  columnVisibilityFeature,
  type PaginationState,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { type ReactNode, use, useMemo } from "react";
import { DataTableError } from "./data-table-error";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import { SortableHeader } from "./sortable-header";
import type { DefaultSort, FilterField, TablePage, TableResult } from "./types";
import { useTableUrl } from "./use-table-url";

/** The features every list uses; sorting, filtering and paging happen in SQL. */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
});
export type DataTableFeatures = typeof dataTableFeatures;
// biome-ignore lint/suspicious/noExplicitAny: columns of one table hold values of many types
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

export interface DataTableProps<TData extends RowData, TPage extends TablePage<TData>> {
  /** The page query, started by the server component; the table suspends until it settles. */
  promise: Promise<TableResult<TPage>>;
  columns: DataTableColumn<TData>[];
  getRowId: (row: TData) => string;
  /** Column ids the server can sort by (the query's whitelist). */
  sortable: readonly string[];
  defaultSort: DefaultSort;
  defaultPageSize?: number;
  filters?: FilterField[];
  /** Placeholder of the search box; no search box when absent. */
  searchLabel?: string;
  /** Route handler streaming the current filter as CSV. */
  exportPath?: string;
  emptyMessage?: string;
  /** Highlight rows (oversold, stale, failed…). */
  rowClassName?: (row: TData) => string | undefined;
  /** Totals above the table, from the same query. */
  caption?: (page: TPage) => ReactNode;
  /** Content under a row (expandable details), shown when it returns something. */
  renderDetail?: (row: TData) => ReactNode;
  label: string;
}

const noFilters: FilterField[] = [];

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;
}

export function DataTable<TData extends RowData, TPage extends TablePage<TData>>(
  props: DataTableProps<TData, TPage>,
) {
  const result = use(props.promise);
  const filters = props.filters ?? noFilters;
  const url = useTableUrl(useMemo(() => filters.map((f) => f.id), [filters]));
  const page = result.ok ? result.data : undefined;

  const sortParam = typeof url.state.sort === "string" ? url.state.sort : null;
  const [sortId, sortDirection] = sortParam?.split(".") ?? [];
  const sorting: SortingState =
    sortId && props.sortable.includes(sortId)
      ? [{ id: sortId, desc: sortDirection === "desc" }]
      : [props.defaultSort];
  const pagination: PaginationState = {
    pageIndex: Math.max(0, Number(url.state.page ?? 1) - 1),
    pageSize: Number(url.state.perPage ?? props.defaultPageSize ?? 50),
  };
  const hidden = typeof url.state.hide === "string" ? url.state.hide.split(",") : [];
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(
    hidden.map((id) => [id, false]),
  );

  const columns = useMemo(
    () =>
      props.columns.map((column) => ({
        ...column,
        enableSorting: props.sortable.includes(column.id ?? ""),
      })),
    [props.columns, props.sortable],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: (page?.rows ?? emptyRows) as TData[],
    getRowId: props.getRowId,
    rowCount: page?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (updater) => {
      const next = resolve(updater, sorting)[0];
      url.update({ sort: next ? `${next.id}.${next.desc ? "desc" : "asc"}` : null, page: null });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      url.update({
        page: next.pageIndex > 0 ? next.pageIndex + 1 : null,
        perPage: next.pageSize === (props.defaultPageSize ?? 50) ? null : next.pageSize,
      });
    },
    onColumnVisibilityChange: (updater) => {
      const next = resolve(updater, columnVisibility);
      const ids = Object.entries(next)
        .filter(([, visible]) => visible === false)
        .map(([id]) => id);
      url.update({ hide: ids.length > 0 ? ids.join(",") : null }, { shallow: true });
    },
  });

  const toggleable = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .map((column) => ({
      id: column.id,
      label: typeof column.columnDef.header === "string" ? column.columnDef.header : column.id,
      visible: column.getIsVisible(),
      toggle: (visible: boolean) => column.toggleVisibility(visible),
    }));
  const visibleColumnCount = table.getVisibleLeafColumns().length;

  return (
    <div>
      <DataTableToolbar
        url={url}
        filters={filters}
        searchLabel={props.searchLabel}
        columns={toggleable}
        exportPath={props.exportPath}
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
          <div
            className={`overflow-x-auto rounded border border-zinc-200 bg-white transition-opacity dark:border-zinc-800 dark:bg-zinc-900 ${url.isPending ? "opacity-60" : ""}`}
            aria-busy={url.isPending}
          >
            <table
              className="w-full border-collapse text-left text-[13px]"
              aria-label={props.label}
            >
              <thead className="bg-zinc-100 text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300">
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={
                          header.column.getIsSorted() === "asc"
                            ? "ascending"
                            : header.column.getIsSorted() === "desc"
                              ? "descending"
                              : undefined
                        }
                        className="px-2 py-1.5 font-medium whitespace-nowrap"
                      >
                        {header.isPlaceholder ? null : header.column.getCanSort() ? (
                          <SortableHeader
                            sorted={header.column.getIsSorted()}
                            onSort={() =>
                              header.column.toggleSorting(header.column.getIsSorted() !== "desc")
                            }
                          >
                            <table.FlexRender header={header} />
                          </SortableHeader>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.length === 0 ? (
                  <tr>
                    <td
                      colSpan={visibleColumnCount}
                      className="px-3 py-10 text-center text-zinc-500"
                    >
                      {props.emptyMessage ?? "Nothing matches these filters."}
                    </td>
                  </tr>
                ) : (
                  table.getRowModel().rows.map((row) => {
                    const detail = props.renderDetail?.(row.original);
                    return (
                      <RowWithDetail
                        key={row.id}
                        className={props.rowClassName?.(row.original)}
                        detail={detail}
                        colSpan={visibleColumnCount}
                      >
                        {row.getVisibleCells().map((cell) => (
                          <td key={cell.id} className="px-2 py-1 align-top">
                            <table.FlexRender cell={cell} />
                          </td>
                        ))}
                      </RowWithDetail>
                    );
                  })
                )}
              </tbody>
            </table>
          </div>
          <DataTablePagination
            pageIndex={pagination.pageIndex}
            pageSize={pagination.pageSize}
            total={page?.total ?? 0}
            pageCount={table.getPageCount()}
            onPageIndex={(index) => table.setPageIndex(index)}
            onPageSize={(size) =>
              url.update({
                perPage: size === (props.defaultPageSize ?? 50) ? null : size,
                page: null,
              })
            }
          />
        </>
      )}
    </div>
  );
}

const emptyRows: never[] = [];

function RowWithDetail({
  children,
  className,
  detail,
  colSpan,
}: {
  children: ReactNode;
  className?: string;
  detail: ReactNode;
  colSpan: number;
}) {
  const base =
    "border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40";
  return (
    <>
      <tr className={`${base} ${className ?? ""}`}>{children}</tr>
      {detail ? (
        <tr className={className}>
          <td colSpan={colSpan} className="px-2 pb-2">
            {detail}
          </td>
        </tr>
      ) : null}
    </>
  );
}
