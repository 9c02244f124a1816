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
import { createElement, type ReactNode, useMemo } from "react";
import type { AnyList, ColumnSpec, RowOf, TableColumnId } from "@/lib/lists/define";
import type { ToggleableColumn } from "./data-table-toolbar";
import type { ListUrl } from "./use-table-url";

/** The features every list uses; sorting, filtering and paging happen in SQL. */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
});
export type DataTableFeatures = typeof dataTableFeatures;
// biome-ignore lint/suspicious/noExplicitAny: columns of one table hold values of many types
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/** How each column of a list renders a row: every table column of the spec, no other. */
export type ListCells<L extends AnyList> = {
  [K in TableColumnId<L>]: (row: RowOf<L>) => ReactNode;
};

/** A first, non-hideable column before the spec's (e.g. row selection). */
export interface LeadingColumn<Row> {
  id: string;
  /** Its name (it is never in the "Columns" menu: it cannot be hidden). */
  label: string;
  /** The header cell's content (e.g. a select-all box); it names itself for screen readers. */
  header: () => ReactNode;
  cell: (row: Row) => ReactNode;
}

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;
}

/**
 * TanStack columns of a list page: the leading column, the spec's columns with a header
 * (their string header also names them in the "Columns" menu), then the row actions.
 */
export function useListColumns<L extends AnyList>(
  list: L,
  cells: ListCells<L>,
  rowActions?: (row: RowOf<L>) => ReactNode,
  leading?: LeadingColumn<RowOf<L>>,
): DataTableColumn<RowOf<L>>[] {
  return useMemo(() => {
    const byId = cells as Record<string, (row: RowOf<L>) => ReactNode>;
    const columns: DataTableColumn<RowOf<L>>[] = Object.entries(
      list.columns as Record<string, ColumnSpec<RowOf<L>>>,
    ).flatMap(([id, spec]) =>
      spec.header === undefined
        ? []
        : [
            {
              id,
              header: spec.header,
              // Sorting happens in SQL; an accessor only marks the column as sortable.
              accessorFn: () => null,
              enableSorting: spec.sortable === true,
              cell: (info) => byId[id]?.(info.row.original),
            },
          ],
    );
    if (leading) columns.unshift(leadingColumn(leading));
    if (!rowActions) return columns;
    const actions: DataTableColumn<RowOf<L>> = {
      id: "actions",
      header: () => createElement("span", { className: "sr-only" }, "Actions"),
      enableHiding: false,
      cell: (info) => rowActions(info.row.original),
    };
    return [...columns, actions];
  }, [list, cells, rowActions, leading]);
}

function leadingColumn<Row extends RowData>(leading: LeadingColumn<Row>): DataTableColumn<Row> {
  return {
    id: leading.id,
    header: () => leading.header(),
    enableSorting: false,
    enableHiding: false,
    cell: (info) => leading.cell(info.row.original),
  };
}

/** The TanStack table of a list page, its sort, page and hidden columns read from the URL. */
export function useListTable<L extends AnyList>(
  url: ListUrl,
  columns: DataTableColumn<RowOf<L>>[],
  page: { rows: RowOf<L>[]; total: number } | undefined,
  getRowId: (row: RowOf<L>) => string,
) {
  const { sort, page: pageNumber, perPage } = url.state;
  const sorting: SortingState = [sort];
  const pagination: PaginationState = { pageIndex: pageNumber - 1, pageSize: perPage };
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(
    (url.state.hide ?? []).map((id) => [id, false]),
  );
  return useTable({
    features: dataTableFeatures,
    columns,
    data: page?.rows ?? (emptyRows as RowOf<L>[]),
    getRowId,
    rowCount: page?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (updater) => {
      const next = resolve(updater, sorting)[0];
      url.update({ sort: next ? { id: next.id, desc: next.desc } : null, page: null });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      url.update({ page: next.pageIndex + 1, perPage: next.pageSize });
    },
    onColumnVisibilityChange: (updater) => {
      const next = resolve(updater, columnVisibility);
      const hidden = Object.keys(next).filter((id) => next[id] === false);
      url.update({ hide: hidden.length > 0 ? hidden : null }, { shallow: true });
    },
  });
}

const emptyRows: never[] = [];

export type ListTable = ReturnType<typeof useListTable>;

/** The columns a person may hide, for the toolbar's menu. */
export function toggleableColumns(table: ListTable): ToggleableColumn[] {
  return table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .map((column) => ({
      id: column.id,
      label: typeof column.columnDef.header === "string" ? column.columnDef.header : column.id,
      visible: column.getIsVisible(),
      toggle: (visible: boolean) => column.toggleVisibility(visible),
    }));
}
