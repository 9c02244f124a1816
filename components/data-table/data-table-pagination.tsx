"use client";

import { pageSizes } from "@/lib/lists/parsers";

const buttonClass =
  "h-7 rounded border border-zinc-300 px-2 hover:bg-zinc-100 disabled:opacity-40 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function DataTablePagination({
  pageIndex,
  pageSize,
  total,
  pageCount,
  onPageIndex,
  onPageSize,
}: {
  pageIndex: number;
  pageSize: number;
  total: number;
  pageCount: number;
  onPageIndex: (index: number) => void;
  onPageSize: (size: number) => void;
}) {
  const first = total === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(total, (pageIndex + 1) * pageSize);
  const lastIndex = Math.max(0, pageCount - 1);
  return (
    <nav aria-label="Pagination" className="mt-2 flex flex-wrap items-center gap-3 text-xs">
      <p className="tabular-nums text-zinc-600 dark:text-zinc-400">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")}
      </p>
      <label className="flex items-center gap-1">
        Rows per page
        <select
          className="h-7 rounded border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <div className="ml-auto flex items-center gap-1">
        <button
          type="button"
          className={buttonClass}
          disabled={pageIndex === 0}
          onClick={() => onPageIndex(0)}
        >
          First
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={pageIndex === 0}
          onClick={() => onPageIndex(pageIndex - 1)}
        >
          Previous
        </button>
        <span className="px-2 tabular-nums">
          Page {(pageIndex + 1).toLocaleString("en")} of{" "}
          {Math.max(1, pageCount).toLocaleString("en")}
        </span>
        <button
          type="button"
          className={buttonClass}
          disabled={pageIndex >= lastIndex}
          onClick={() => onPageIndex(pageIndex + 1)}
        >
          Next
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={pageIndex >= lastIndex}
          onClick={() => onPageIndex(lastIndex)}
        >
          Last
        </button>
      </div>
    </nav>
  );
}
