"use client";

import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { listingList } from "@/lib/lists/listing";
import type { ListingRow } from "@/lib/queries/listing";
import type { RulesEditTarget } from "./rules-dialog";
import { describeRules } from "./why-quantity";

// Only admins open the editor, and only on demand: its code (fields, preview, action) is
// fetched when it first opens instead of with every visit of the page.
const RulesDialog = dynamic(() => import("./rules-dialog").then((m) => m.RulesDialog), {
  ssr: false,
  loading: () => (
    <p
      role="status"
      className="fixed right-4 bottom-4 rounded border border-zinc-300 bg-white px-3 py-2 text-sm shadow dark:border-zinc-700 dark:bg-zinc-900"
    >
      Opening the rules editor…
    </p>
  ),
});

interface ListingEdit {
  canEdit: boolean;
  rows: ListingRow[];
  selected: ReadonlySet<number>;
  toggle: (id: number, on: boolean) => void;
  setAll: (on: boolean) => void;
  open: (edit: RulesEditTarget) => void;
}

const Context = createContext<ListingEdit>({
  canEdit: false,
  rows: [],
  selected: new Set(),
  toggle: () => {},
  setAll: () => {},
  open: () => {},
});

/**
 * Admins edit listing rules from the table: per row, for the rows they select, or for every
 * listing the current filter shows. The selection lives here (this page's rows only); the
 * cells read it from context, so the table's column definitions stay stable.
 */
export function ListingEditProvider({
  canEdit,
  rows,
  children,
}: {
  canEdit: boolean;
  rows: ListingRow[];
  children: ReactNode;
}) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<RulesEditTarget | null>(null);
  // A selection names rows of this page: a new page of rows starts a new one.
  const [rowsSeen, setRowsSeen] = useState(rows);
  if (rowsSeen !== rows) {
    setRowsSeen(rows);
    setSelected(new Set());
  }
  const value = useMemo<ListingEdit>(
    () => ({
      canEdit,
      rows,
      selected,
      toggle: (id, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      setAll: (on) => setSelected(on ? new Set(rows.map((row) => row.id)) : new Set()),
      open: setEditing,
    }),
    [canEdit, rows, selected],
  );
  return (
    <Context value={value}>
      {children}
      {editing ? (
        <RulesDialog
          key={JSON.stringify(editing.kind === "row" ? editing.row.id : editing.target)}
          edit={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setSelected(new Set());
          }}
        />
      ) : null}
    </Context>
  );
}

export function useListingEdit(): ListingEdit {
  return useContext(Context);
}

export function SelectRowBox({ row }: { row: ListingRow }) {
  const edit = useListingEdit();
  if (!edit.canEdit) return null;
  return (
    <input
      type="checkbox"
      aria-label={`Select ${row.sku} on ${row.marketplaceCode}`}
      checked={edit.selected.has(row.id)}
      onChange={(event) => edit.toggle(row.id, event.currentTarget.checked)}
      className="size-4"
    />
  );
}

export function SelectAllBox() {
  const edit = useListingEdit();
  if (!edit.canEdit) return <span className="sr-only">Select</span>;
  const all = edit.rows.length > 0 && edit.rows.every((row) => edit.selected.has(row.id));
  return (
    <input
      type="checkbox"
      aria-label="Select every listing on this page"
      checked={all}
      onChange={(event) => edit.setAll(event.currentTarget.checked)}
      className="size-4"
    />
  );
}

/** The rules in a few words, and (admins) the button that edits them. */
export function RulesCell({ row }: { row: ListingRow }) {
  const edit = useListingEdit();
  return (
    <span className="flex min-w-28 flex-col items-start gap-0.5 text-xs">
      <span
        className={
          row.buffer ||
          row.maxQuantity !== null ||
          row.sharePercent !== null ||
          row.zeroAtOrBelow !== null
            ? ""
            : "text-zinc-600 dark:text-zinc-400"
        }
      >
        {describeRules(row)}
      </span>
      {edit.canEdit ? (
        <button
          type="button"
          className="text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-400"
          aria-label={`Edit rules of ${row.sku} on ${row.marketplaceCode}`}
          onClick={() => edit.open({ kind: "row", row })}
        >
          edit
        </button>
      ) : null}
    </span>
  );
}

/** Bulk editing: the selected rows, or every listing the current filter shows. */
export function BulkRulesBar({ total }: { total: number }) {
  const edit = useListingEdit();
  const params = useSearchParams();
  if (!edit.canEdit) return null;
  const count = edit.selected.size;
  const filterParams = () => {
    const record: Record<string, string | string[]> = {};
    // The filters only: a bulk change covers every page of them, whatever the sort.
    for (const key of Object.keys(listingList.filters)) {
      const values = params.getAll(key);
      if (values.length > 0) record[key] = values.length === 1 ? (values[0] as string) : values;
    }
    return record;
  };
  return (
    <section
      aria-label="Edit rules in bulk"
      className="mb-2 flex flex-wrap items-center gap-2 text-xs"
    >
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={count === 0}
        onClick={() =>
          edit.open({
            kind: "bulk",
            target: { kind: "listings", ids: [...edit.selected] },
            description: `${count} selected listing(s)`,
          })
        }
      >
        Edit rules of {count} selected
      </button>
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={total === 0}
        onClick={() =>
          edit.open({
            kind: "bulk",
            target: { kind: "filter", params: filterParams() },
            description: `all ${total.toLocaleString("en")} listing(s) this filter shows`,
          })
        }
      >
        Edit rules of all {total.toLocaleString("en")} shown by this filter
      </button>
      {count > 0 ? (
        <button
          type="button"
          className="text-blue-700 hover:underline dark:text-blue-400"
          onClick={() => edit.setAll(false)}
        >
          clear selection
        </button>
      ) : null}
    </section>
  );
}
