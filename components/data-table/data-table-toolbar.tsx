"use client";

import { useSearchParams } from "next/navigation";
import { FilterControl, useDebouncedInput } from "./filter-control";
import type { FilterField } from "./types";
import type { TableUrl } from "./use-table-url";

export interface ToggleableColumn {
  id: string;
  label: string;
  visible: boolean;
  toggle: (visible: boolean) => void;
}

const buttonClass =
  "inline-flex h-8 items-center rounded border border-zinc-300 bg-white px-2 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

/** Search, filters, column visibility and CSV export: everything writes to the URL. */
export function DataTableToolbar({
  url,
  filters,
  searchLabel,
  columns,
  exportPath,
}: {
  url: TableUrl;
  filters: FilterField[];
  searchLabel?: string;
  columns: ToggleableColumn[];
  exportPath?: string;
}) {
  const searchParams = useSearchParams();
  // A filter change shows page 1 of the new result.
  const setParam = (id: string, value: string | null) => url.update({ [id]: value, page: null });
  const [search, setSearch] = useDebouncedInput((url.state.q as string | null) ?? null, (value) =>
    setParam("q", value),
  );
  const active = ["q", ...filters.map((f) => f.id)].some((id) => url.state[id] != null);
  const exportQuery = new URLSearchParams(searchParams.toString());
  exportQuery.delete("page");
  exportQuery.delete("perPage");
  exportQuery.delete("hide");

  return (
    <search className="mb-2 flex flex-wrap items-center gap-2">
      {searchLabel ? (
        <input
          type="search"
          aria-label="Search"
          placeholder={searchLabel}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="h-8 w-64 rounded border border-zinc-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
      ) : null}
      {filters.map((field) => (
        <FilterControl
          key={field.id}
          field={field}
          value={(url.state[field.id] as string | null) ?? null}
          onChange={(value) => setParam(field.id, value)}
        />
      ))}
      {active ? (
        <button
          type="button"
          className={buttonClass}
          onClick={() =>
            url.update(
              Object.fromEntries(
                ["q", "page", ...filters.map((f) => f.id)].map((id) => [id, null]),
              ),
            )
          }
        >
          Reset
        </button>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        {url.isPending ? (
          <span role="status" className="text-xs text-zinc-500">
            Loading…
          </span>
        ) : null}
        <details className="relative">
          <summary className={`${buttonClass} cursor-pointer list-none select-none`}>
            Columns
          </summary>
          <fieldset className="absolute right-0 z-20 mt-1 flex min-w-44 flex-col gap-1 rounded border border-zinc-300 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            <legend className="sr-only">Visible columns</legend>
            {columns.map((column) => (
              <label key={column.id} className="flex items-center gap-2 whitespace-nowrap">
                <input
                  type="checkbox"
                  checked={column.visible}
                  onChange={(event) => column.toggle(event.target.checked)}
                />
                {column.label}
              </label>
            ))}
          </fieldset>
        </details>
        {exportPath ? (
          <a className={buttonClass} href={`${exportPath}?${exportQuery.toString()}`} download>
            Export CSV
          </a>
        ) : null}
      </div>
    </search>
  );
}
