"use client";

import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SortableHeader } from "./sortable-header";
import type { DataTableColumn, ListTable } from "./use-list-table";

const ariaSort = { asc: "ascending", desc: "descending" } as const;

// The first visible column names the row (order, lock, SKU…): it stays in view while the rest
// of a wide table scrolls sideways. Sticky cells take their row's background (plain, hovered or
// highlighted) so the scrolled cells do not show through.
const keyCellClass = "sticky left-0 z-10 bg-inherit";
const keyHeadClass = "sticky left-0 z-10 bg-zinc-100 dark:bg-zinc-800";

/**
 * The table element: sortable headers, the rows (or the empty message), inside a region that
 * scrolls sideways on a narrow screen and can be focused to scroll it from the keyboard.
 */
export function DataTableGrid<TData>({
  table,
  rows,
  getRowId,
  label,
  pending,
  emptyMessage,
  rowClassName,
}: {
  table: ListTable<TData>;
  rows: TData[];
  getRowId: (row: TData) => string;
  label: string;
  pending: boolean;
  emptyMessage?: string;
  rowClassName?: (row: TData) => string | undefined;
}) {
  const columns = table.visibleColumns;
  return (
    <ScrollRegion
      label={label}
      busy={pending}
      className={`transition-opacity ${pending ? "opacity-60" : ""}`}
    >
      <table className="w-full border-collapse text-left text-[13px]" aria-label={label}>
        <DataTableHead table={table} />
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td
                colSpan={columns.length}
                className="px-3 py-10 text-center text-zinc-600 dark:text-zinc-400"
              >
                {emptyMessage ?? "Nothing matches these filters."}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Row key={getRowId(row)} className={rowClassName?.(row)}>
                {columns.map((column, index) => (
                  <td
                    key={column.id}
                    className={`px-2 py-1 align-top ${index === 0 ? keyCellClass : ""}`}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </Row>
            ))
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function DataTableHead<TData>({ table }: { table: ListTable<TData> }) {
  return (
    <thead className="bg-zinc-100 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
      <tr>
        {table.visibleColumns.map((column, index) => {
          const sorted = table.sort.id === column.id ? (table.sort.desc ? "desc" : "asc") : false;
          return (
            <th
              key={column.id}
              scope="col"
              aria-sort={sorted ? ariaSort[sorted] : undefined}
              className={`px-2 py-1.5 font-medium whitespace-nowrap ${index === 0 ? keyHeadClass : ""}`}
            >
              <HeaderLabel
                column={column}
                sorted={sorted}
                onSort={() => table.toggleSort(column.id)}
              />
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

function HeaderLabel<TData>({
  column,
  sorted,
  onSort,
}: {
  column: DataTableColumn<TData>;
  sorted: false | "asc" | "desc";
  onSort: () => void;
}) {
  if (column.renderHeader) return column.renderHeader();
  if (column.srOnlyHeader) return <span className="sr-only">{column.header}</span>;
  if (!column.sortable) return column.header;
  return (
    <SortableHeader sorted={sorted} onSort={onSort}>
      {column.header}
    </SortableHeader>
  );
}

function Row({ children, className }: { children: ReactNode; className?: string }) {
  const base =
    "border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800";
  return <tr className={`${base} ${className ?? "bg-white dark:bg-zinc-900"}`}>{children}</tr>;
}
