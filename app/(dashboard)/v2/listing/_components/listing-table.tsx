"use client";

import Link from "next/link";
import { use } from "react";
import { DataTable, type LeadingColumn, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { listingList } from "@/lib/lists/listing";
import type { ListingPage, ListingRow } from "@/lib/queries/listing";
import {
  BulkRulesBar,
  ListingEditProvider,
  RulesCell,
  SelectAllBox,
  SelectRowBox,
} from "./listing-edit";
import { PushStateCell } from "./push-state-cell";
import { PublishableCell } from "./why-quantity";

const num = (value: number | null) => (
  <span className="tabular-nums">{value === null ? "—" : value.toLocaleString("en")}</span>
);

function LockedLink({ row, total }: { row: ListingRow; total: boolean }) {
  const value = total ? row.lockedTotal : row.locked;
  if (value === 0) return num(0);
  const marketplace = total ? "" : `&marketplace=${row.marketplaceId}`;
  return (
    <Link
      prefetch={false}
      className="text-blue-700 tabular-nums hover:underline dark:text-blue-400"
      href={`/v2/stock-locks?variation=${row.variationId}${marketplace}&status=locked`}
      title={total ? "Pending locks on every marketplace" : "Pending locks on this marketplace"}
    >
      {value}
    </Link>
  );
}

const cells: ListCells<typeof listingList> = {
  marketplace: (row) => row.marketplaceCode,
  sku: (row) => (
    <span className="block min-w-52">
      <span className="font-mono text-xs whitespace-nowrap">{row.sku}</span>
      <span className="block text-xs text-zinc-600 dark:text-zinc-400">{row.name}</span>
    </span>
  ),
  onHand: (row) => num(row.onHand),
  locked: (row) => <LockedLink row={row} total={false} />,
  lockedTotal: (row) => <LockedLink row={row} total />,
  available: (row) =>
    row.available < 0 ? <Badge tone="red">{row.available} oversold</Badge> : num(row.available),
  rules: (row) => <RulesCell row={row} />,
  publishable: (row) => <PublishableCell row={row} />,
  listed: (row) => num(row.listed),
  drift: (row) => {
    const drift = row.drift;
    if (drift === null || drift === 0)
      return <span className="text-zinc-600 dark:text-zinc-400">{drift ?? "—"}</span>;
    return <Badge tone="amber">{drift > 0 ? `+${drift}` : drift}</Badge>;
  },
  pushState: (row) => (
    <>
      <PushStateCell row={row} />
      <Link
        prefetch={false}
        className="text-xs text-blue-700 hover:underline dark:text-blue-400"
        href={`/v2/listing/${row.id}`}
        aria-label={`Push history of ${row.sku} on ${row.marketplaceCode}`}
      >
        history
      </Link>
    </>
  ),
  lastSyncedAt: (row) => <DateTime value={row.lastSyncedAt} />,
};

const selectColumn: LeadingColumn<ListingRow> = {
  id: "select",
  label: "Select",
  header: () => <SelectAllBox />,
  cell: (row) => <SelectRowBox row={row} />,
};

export function ListingTable({
  promise,
  marketplaces,
  canEdit,
}: {
  promise: Promise<TableResult<ListingPage>>;
  marketplaces: FilterOption[];
  /** Admins: edit rules per row, for a selection or for the filter. */
  canEdit: boolean;
}) {
  const result = use(promise);
  const page = result.ok ? result.data : null;
  return (
    <ListingEditProvider canEdit={canEdit} rows={page?.rows ?? noRows}>
      {page ? <BulkRulesBar total={page.total} /> : null}
      <DataTable
        list={listingList}
        promise={promise}
        cells={cells}
        getRowId={(row) => String(row.id)}
        filterOptions={{ marketplace: marketplaces }}
        leadingColumn={canEdit ? selectColumn : undefined}
        emptyMessage="No listings match these filters."
        caption={(page) => <>{page.total.toLocaleString("en")} listings</>}
        rowClassName={(row) =>
          row.available < 0
            ? "bg-red-50 dark:bg-red-950/40"
            : row.drift
              ? "bg-amber-50 dark:bg-amber-950/30"
              : undefined
        }
      />
    </ListingEditProvider>
  );
}

const noRows: ListingRow[] = [];
