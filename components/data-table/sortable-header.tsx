import type { ReactNode } from "react";

/** A header that sorts its column when pressed; the arrow shows the current direction. */
export function SortableHeader({
  sorted,
  onSort,
  children,
}: {
  sorted: false | "asc" | "desc";
  onSort: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onSort}
      className="inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:text-white"
    >
      {children}
      <span aria-hidden className={sorted ? "" : "opacity-30"}>
        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
      </span>
    </button>
  );
}
