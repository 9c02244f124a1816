"use client";

import type { ReactNode } from "react";
import { SortableHeader } from "./sortable-header";
import type { ListTable } from "./use-list-table";

const ariaSort = { asc: "ascending", desc: "descending" } as const;

/** The table element: sortable headers, the rows (or the empty message). */
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
    <div
      className={`overflow-x-auto rounded border border-zinc-200 bg-white transition-opacity dark:border-zinc-800 dark:bg-zinc-900 ${pending ? "opacity-60" : ""}`}
      aria-busy={pending}
    >
      <table className="w-full border-collapse text-left text-[13px]" aria-label={label}>
        <DataTableHead table={table} />
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td
                colSpan={table.getVisibleLeafColumns().length}
                className="px-3 py-10 text-center text-zinc-500"
              >
                {emptyMessage ?? "Nothing matches these filters."}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Row key={row.id} className={rowClassName?.(row.original as TData)}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-2 py-1 align-top">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </Row>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function DataTableHead({ table }: { table: ListTable }) {
  return (
    <thead className="bg-zinc-100 text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300">
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={sorted ? ariaSort[sorted] : undefined}
                className="px-2 py-1.5 font-medium whitespace-nowrap"
              >
                {header.isPlaceholder ? null : header.column.getCanSort() ? (
                  <SortableHeader
                    sorted={sorted}
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
    "border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40";
  return <tr className={`${base} ${className ?? ""}`}>{children}</tr>;
}
