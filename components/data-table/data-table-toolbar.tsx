"use client";

import { useSearchParams } from "next/navigation";
import type { AnyList, FilterOption, FilterSpec } from "@/lib/lists/define";
import { FilterControl, useDebouncedInput } from "./filter-control";
import type { FilterField } from "./types";
import type { ListUrl } from "./use-table-url";

export interface ToggleableColumn {
  id: string;
  label: string;
  visible: boolean;
  toggle: (visible: boolean) => void;
}

const buttonClass =
  "inline-flex h-8 items-center rounded border border-zinc-300 bg-white px-2 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

/** The list's filters as toolbar controls; "dynamic" options come from the page. */
function filterFields(
  list: AnyList,
  filterOptions: Partial<Record<string, readonly FilterOption[]>> = {},
): { search?: [string, FilterSpec]; fields: FilterField[] } {
  const entries = Object.entries(list.filters as Record<string, FilterSpec>);
  const search = entries.find(([, filter]) => filter.kind === "search");
  const fields = entries.flatMap(([id, filter]): FilterField[] =>
    filter.kind === "search"
      ? []
      : [
          {
            id,
            label: filter.label,
            kind: filter.kind,
            placeholder: filter.placeholder,
            options:
              filter.options === "dynamic" ? (filterOptions[id] ?? []) : (filter.options ?? []),
          },
        ],
  );
  return { search, fields };
}

/** Search, filters, column visibility and CSV export: everything writes to the URL. */
export function DataTableToolbar({
  list,
  url,
  filterOptions,
  columns,
}: {
  list: AnyList;
  url: ListUrl;
  filterOptions?: Partial<Record<string, readonly FilterOption[]>>;
  columns: ToggleableColumn[];
}) {
  const { search, fields } = filterFields(list, filterOptions);
  const parsers = list.filters as Record<string, FilterSpec>;
  // Controls speak strings; the spec's parser turns them into typed URL values and back.
  const textOf = (id: string) => {
    const value = url.byId[id];
    return value == null ? null : (parsers[id]?.parser.serialize(value as never) ?? null);
  };
  // A filter change shows page 1 of the new result.
  const setText = (id: string, text: string | null) =>
    url.update({
      [id]: text === null ? null : (parsers[id]?.parser.parse(text) ?? null),
      page: null,
    });
  const ids = Object.keys(list.filters);
  const active = ids.some((id) => url.byId[id] != null);
  return (
    <search className="mb-2 flex flex-wrap items-center gap-2">
      {search ? (
        <SearchBox
          label={search[1].label}
          value={textOf(search[0])}
          onChange={(text) => setText(search[0], text)}
        />
      ) : null}
      {fields.map((field) => (
        <FilterControl
          key={field.id}
          field={field}
          value={textOf(field.id)}
          onChange={(text) => setText(field.id, text)}
        />
      ))}
      {active ? (
        <button
          type="button"
          className={buttonClass}
          onClick={() => url.update(Object.fromEntries(["page", ...ids].map((id) => [id, null])))}
        >
          Reset
        </button>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        {url.isPending ? (
          <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
            Loading…
          </span>
        ) : null}
        <ColumnsMenu columns={columns} />
        {list.export ? <ExportLink path={`/api/export/${list.export.name}`} /> : null}
      </div>
    </search>
  );
}

function SearchBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (text: string | null) => void;
}) {
  const [text, setText] = useDebouncedInput(value, onChange);
  return (
    <input
      type="search"
      // Full width on a phone, a fixed width beside the filters from `sm` up.
      aria-label="Search"
      placeholder={label}
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="h-8 w-full rounded border border-zinc-300 bg-white px-2 text-sm sm:w-64 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
    />
  );
}

function ColumnsMenu({ columns }: { columns: ToggleableColumn[] }) {
  return (
    <details className="relative">
      <summary className={`${buttonClass} cursor-pointer list-none select-none`}>Columns</summary>
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
  );
}

/** The current filter and sort as CSV (every page; the view-only parameters dropped). */
function ExportLink({ path }: { path: string }) {
  const query = new URLSearchParams(useSearchParams().toString());
  for (const key of ["page", "perPage", "hide"]) query.delete(key);
  return (
    <a className={buttonClass} href={`${path}?${query.toString()}`} download>
      Export CSV
    </a>
  );
}
