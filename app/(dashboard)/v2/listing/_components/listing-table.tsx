"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFeatures,
} from "@/components/data-table/data-table";
import type { FilterField, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { ListingPage, ListingRow } from "@/lib/queries/listing";
import { listingSortable } from "@/lib/validations/listing";
import { PushStateCell } from "./push-state-cell";

const helper = createColumnHelper<DataTableFeatures, ListingRow>();
const num = (value: number | null) => (
  <span className="tabular-nums">{value === null ? "—" : value.toLocaleString("en")}</span>
);

const columns: DataTableColumn<ListingRow>[] = helper.columns([
  helper.accessor("sku", {
    id: "sku",
    header: "Variation",
    cell: (info) => (
      <span className="block min-w-52">
        <span className="font-mono text-xs whitespace-nowrap">{info.row.original.sku}</span>
        <span className="block text-xs text-zinc-500">{info.row.original.name}</span>
      </span>
    ),
  }),
  helper.accessor("marketplaceCode", { id: "marketplace", header: "Marketplace" }),
  helper.accessor("onHand", {
    id: "onHand",
    header: "On hand",
    cell: (info) => num(info.row.original.onHand),
  }),
  helper.accessor("locked", {
    id: "locked",
    header: "Locked here",
    cell: (info) => {
      const row = info.row.original;
      if (row.locked === 0) return num(0);
      return (
        <Link
          prefetch={false}
          className="text-blue-700 tabular-nums hover:underline dark:text-blue-400"
          href={`/v2/stock-locks?variation=${row.variationId}&marketplace=${row.marketplaceId}&status=locked`}
          title="Pending locks on this marketplace"
        >
          {row.locked}
        </Link>
      );
    },
  }),
  helper.accessor("lockedTotal", {
    id: "lockedTotal",
    header: "Locked total",
    cell: (info) => {
      const row = info.row.original;
      if (row.lockedTotal === 0) return num(0);
      return (
        <Link
          prefetch={false}
          className="text-blue-700 tabular-nums hover:underline dark:text-blue-400"
          href={`/v2/stock-locks?variation=${row.variationId}&status=locked`}
          title="Pending locks on every marketplace"
        >
          {row.lockedTotal}
        </Link>
      );
    },
  }),
  helper.accessor("available", {
    id: "available",
    header: "Available",
    cell: (info) => {
      const value = info.row.original.available;
      return value < 0 ? <Badge tone="red">{value} oversold</Badge> : num(value);
    },
  }),
  helper.accessor("buffer", {
    id: "buffer",
    header: "Buffer",
    cell: (info) => num(info.row.original.buffer),
  }),
  helper.accessor("publishable", {
    id: "publishable",
    header: "Publishable",
    cell: (info) => <strong className="tabular-nums">{info.row.original.publishable}</strong>,
  }),
  helper.accessor("listed", {
    id: "listed",
    header: "Listed",
    cell: (info) => num(info.row.original.listed),
  }),
  helper.accessor("drift", {
    id: "drift",
    header: "Drift",
    cell: (info) => {
      const drift = info.row.original.drift;
      if (drift === null || drift === 0)
        return <span className="text-zinc-400">{drift ?? "—"}</span>;
      return <Badge tone="amber">{drift > 0 ? `+${drift}` : drift}</Badge>;
    },
  }),
  helper.accessor("pushState", {
    id: "pushState",
    header: "Push",
    cell: (info) => <PushStateCell row={info.row.original} />,
  }),
  helper.accessor("lastSyncedAt", {
    id: "lastSyncedAt",
    header: "Synced",
    cell: (info) => <DateTime value={info.row.original.lastSyncedAt} />,
  }),
]);

export function ListingTable({
  promise,
  marketplaces,
}: {
  promise: Promise<TableResult<ListingPage>>;
  marketplaces: { id: number; code: string }[];
}) {
  const filters: FilterField[] = [
    {
      id: "marketplace",
      label: "Marketplace",
      kind: "multi",
      options: marketplaces.map((m) => ({ value: String(m.id), label: m.code })),
    },
    {
      id: "flag",
      label: "Show",
      kind: "select",
      options: [
        { value: "oversold", label: "Oversold" },
        { value: "drift", label: "Drift" },
        { value: "locked", label: "With locks" },
        { value: "pending", label: "Push pending" },
        { value: "failing", label: "Push failing" },
      ],
    },
    { id: "variation", label: "Variation id", kind: "text", placeholder: "id" },
  ];
  return (
    <DataTable
      label="Listing"
      promise={promise}
      columns={columns}
      getRowId={(row) => String(row.id)}
      sortable={listingSortable}
      defaultSort={{ id: "sku", desc: false }}
      filters={filters}
      searchLabel="Search SKU or name"
      exportPath="/api/export/listing"
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
  );
}
