/** Placeholder rows while a table's first page loads. */
export function DataTableSkeleton({ columns = 6, rows = 10 }: { columns?: number; rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse">
      <div className="mb-2 flex gap-2">
        <div className="h-8 w-64 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-8 w-28 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-8 w-28 rounded bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <div className="overflow-hidden rounded border border-zinc-200 dark:border-zinc-800">
        {Array.from({ length: rows + 1 }, (_, row) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
            key={row}
            className="flex gap-4 border-b border-zinc-100 px-3 py-2 last:border-0 dark:border-zinc-800"
          >
            {Array.from({ length: columns }, (_, column) => (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder cells
                key={column}
                className={`h-4 flex-1 rounded ${row === 0 ? "bg-zinc-300 dark:bg-zinc-700" : "bg-zinc-200 dark:bg-zinc-800"}`}
              />
            ))}
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
