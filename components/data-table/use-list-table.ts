"use client";

import { type ReactNode, useMemo } from "react";
import type { AnyList, ColumnSpec, RowOf, TableColumnId } from "@/lib/lists/define";
import type { SortSpec } from "@/lib/lists/parsers";
import type { ToggleableColumn } from "./data-table-toolbar";
import type { ListUrl } from "./use-table-url";

/** How each column of a list renders a row: every table column of the spec, no other. */
export type ListCells<L extends AnyList> = {
  [K in TableColumnId<L>]: (row: RowOf<L>) => ReactNode;
};

/** A table column: the spec's header and sortability, the page's cell. */
export interface DataTableColumn<Row> {
  id: string;
  /** A string header is also the column's name in the "Columns" menu. */
  header: string;
  /** Shown to screen readers only (the actions column). */
  srOnlyHeader?: boolean;
  /** Rendered instead of the header text (e.g. a select-all box); `header` still names it. */
  renderHeader?: () => ReactNode;
  sortable: boolean;
  hideable: boolean;
  cell: (row: Row) => ReactNode;
}

/** A first, non-hideable column before the spec's (e.g. row selection). */
export interface LeadingColumn<Row> {
  id: string;
  /** Its name for screen readers and the "Columns" menu. */
  label: string;
  header: () => ReactNode;
  cell: (row: Row) => ReactNode;
}

/** The columns of a list page: the leading column, the spec's columns with a header, then the row actions. */
export function useListColumns<L extends AnyList>(
  list: L,
  cells: ListCells<L>,
  rowActions?: (row: RowOf<L>) => ReactNode,
  leading?: LeadingColumn<RowOf<L>>,
): DataTableColumn<RowOf<L>>[] {
  return useMemo(() => {
    const byId = cells as Record<string, (row: RowOf<L>) => ReactNode>;
    const columns = Object.entries(list.columns as Record<string, ColumnSpec<RowOf<L>>>).flatMap(
      ([id, spec]): DataTableColumn<RowOf<L>>[] =>
        spec.header === undefined
          ? []
          : [
              {
                id,
                header: spec.header,
                sortable: spec.sortable === true,
                hideable: true,
                cell: (row) => byId[id]?.(row),
              },
            ],
    );
    if (leading) {
      columns.unshift({
        id: leading.id,
        header: leading.label,
        renderHeader: leading.header,
        sortable: false,
        hideable: false,
        cell: leading.cell,
      });
    }
    if (!rowActions) return columns;
    return [
      ...columns,
      {
        id: "actions",
        header: "Actions",
        srOnlyHeader: true,
        sortable: false,
        hideable: false,
        cell: rowActions,
      },
    ];
  }, [list, cells, rowActions, leading]);
}

/**
 * The table of a list page: its visible columns, sort and page as the URL says. Sorting,
 * filtering and paging happen in SQL; this only reads and writes the URL.
 */
export function useListTable<Row>(url: ListUrl, columns: DataTableColumn<Row>[], total: number) {
  const { sort, perPage } = url.state;
  const hidden = new Set(url.state.hide ?? []);
  return {
    columns,
    visibleColumns: columns.filter((column) => !hidden.has(column.id)),
    sort: sort as SortSpec,
    pageCount: Math.ceil(total / perPage),
    /** First press sorts descending, the next ascending (a new sort starts on page 1). */
    toggleSort: (id: string) => {
      const desc = !(sort.id === id && sort.desc);
      url.update({ sort: { id, desc }, page: null });
    },
    setPageIndex: (index: number) => url.update({ page: index + 1 }),
    setVisible: (id: string, visible: boolean) => {
      const next = new Set(hidden);
      if (visible) next.delete(id);
      else next.add(id);
      url.update({ hide: next.size > 0 ? [...next] : null }, { shallow: true });
    },
  };
}

export type ListTable<Row> = ReturnType<typeof useListTable<Row>>;

/** The columns a person may hide, for the toolbar's menu. */
export function toggleableColumns<Row>(table: ListTable<Row>): ToggleableColumn[] {
  const visible = new Set(table.visibleColumns.map((column) => column.id));
  return table.columns
    .filter((column) => column.hideable)
    .map((column) => ({
      id: column.id,
      label: column.header,
      visible: visible.has(column.id),
      toggle: (on: boolean) => table.setVisible(column.id, on),
    }));
}
