"use client";

import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SortableHeader } from "./sortable-header";
import type { ListTable } from "./use-list-table";

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
  label,
  pending,
  emptyMessage,
  rowClassName,
}: {
  table: ListTable;
  label: string;
  pending: boolean;
  emptyMessage?: string;
  rowClassName?: (row: TData) => string | undefined;
}) {
  const rows = table.getRowModel().rows;
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
                colSpan={table.getVisibleLeafColumns().length}
                className="px-3 py-10 text-center text-zinc-600 dark:text-zinc-400"
              >
                {emptyMessage ?? "Nothing matches these filters."}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Row key={row.id} className={rowClassName?.(row.original as TData)}>
                {row.getVisibleCells().map((cell, index) => (
                  <td
                    key={cell.id}
                    className={`px-2 py-1 align-top ${index === 0 ? keyCellClass : ""}`}
                  >
                    <table.FlexRender cell={cell} />
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

function DataTableHead({ table }: { table: ListTable }) {
  return (
    <thead className="bg-zinc-100 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header, index) => {
            const sorted = header.column.getIsSorted();
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={sorted ? ariaSort[sorted] : undefined}
                className={`px-2 py-1.5 font-medium whitespace-nowrap ${index === 0 ? keyHeadClass : ""}`}
              >
                {header.isPlaceholder ? null : header.column.getCanSort() ? (
                  <SortableHeader
                    sorted={sorted}
                    // First press sorts descending, the next ascending (a new sort starts on page 1).
                    onSort={() => header.column.toggleSorting(sorted !== "desc")}
                  >
                    <table.FlexRender header={header} />
                  </SortableHeader>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

function Row({ children, className }: { children: ReactNode; className?: string }) {
  const base =
    "border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800";
  return <tr className={`${base} ${className ?? "bg-white dark:bg-zinc-900"}`}>{children}</tr>;
}
