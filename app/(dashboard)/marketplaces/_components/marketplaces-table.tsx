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
import { syncStatusTone } from "@/components/ui/status-tones";
import { providers } from "@/db/schema/enums";
import type { MarketplaceRow } from "@/lib/queries/marketplace-list";
import { marketplaceSortable } from "@/lib/validations/marketplaces";

const helper = createColumnHelper<DataTableFeatures, MarketplaceRow>();

const columns: DataTableColumn<MarketplaceRow>[] = helper.columns([
  helper.accessor("code", {
    id: "code",
    header: "Code",
    cell: (info) => <span className="font-mono text-xs">{info.row.original.code}</span>,
  }),
  helper.accessor("name", { id: "name", header: "Name" }),
  helper.accessor("provider", { id: "provider", header: "Provider" }),
  helper.accessor("country", {
    id: "country",
    header: "Market",
    cell: (info) => info.row.original.country ?? "—",
  }),
  helper.accessor("active", {
    id: "active",
    header: "Active",
    cell: (info) =>
      info.row.original.active ? <Badge tone="green">active</Badge> : <Badge>off</Badge>,
  }),
  helper.accessor("tokenEnv", {
    id: "token",
    header: "Token",
    cell: (info) => {
      const row = info.row.original;
      return (
        <span className="text-xs">
          <code>{row.tokenEnv}</code>{" "}
          {row.tokenConfigured ? (
            <Badge tone="green">set</Badge>
          ) : (
            <Badge tone="red">missing</Badge>
          )}
        </span>
      );
    },
  }),
  helper.accessor("acceptPolicy", { id: "acceptPolicy", header: "Accept" }),
  helper.accessor("listings", {
    id: "listings",
    header: "Listings",
    cell: (info) => (
      <Link
        prefetch={false}
        className="text-blue-700 tabular-nums hover:underline dark:text-blue-400"
        href={`/v2/listing?marketplace=${info.row.original.id}`}
      >
        {info.row.original.listings.toLocaleString("en")}
      </Link>
    ),
  }),
  helper.accessor("openOrders", {
    id: "openOrders",
    header: "Open orders",
    cell: (info) => (
      <Link
        prefetch={false}
        className="text-blue-700 tabular-nums hover:underline dark:text-blue-400"
        href={`/orders?marketplace=${info.row.original.id}&status=pending,new,accepted`}
      >
        {info.row.original.openOrders.toLocaleString("en")}
      </Link>
    ),
  }),
  helper.accessor("lastRunAt", {
    id: "lastRunAt",
    header: "Last sync",
    cell: (info) => {
      const row = info.row.original;
      return row.lastStatus ? (
        <span className="flex flex-col">
          <span>
            <Badge tone={syncStatusTone[row.lastStatus]}>{row.lastStatus}</Badge>
          </span>
          <DateTime value={row.lastRunAt} />
        </span>
      ) : (
        <span className="text-zinc-400">never</span>
      );
    },
  }),
]);

// Admins get an edit link per row (the page and the action check the role again).
const adminColumns: DataTableColumn<MarketplaceRow>[] = [
  ...columns,
  helper.display({
    id: "edit",
    header: "",
    enableHiding: false,
    cell: (info) => (
      <Link
        prefetch={false}
        className="text-blue-700 hover:underline dark:text-blue-400"
        href={`/marketplaces/${info.row.original.id}`}
        aria-label={`Edit ${info.row.original.code}`}
      >
        Edit
      </Link>
    ),
  }),
];

const filters: FilterField[] = [
  {
    id: "provider",
    label: "Provider",
    kind: "multi",
    options: providers.map((p) => ({ value: p, label: p })),
  },
  {
    id: "active",
    label: "Active",
    kind: "select",
    options: [
      { value: "yes", label: "Active" },
      { value: "no", label: "Inactive" },
    ],
  },
];

export function MarketplacesTable({
  promise,
  canEdit,
}: {
  promise: Promise<TableResult<{ rows: MarketplaceRow[]; total: number }>>;
  canEdit: boolean;
}) {
  return (
    <DataTable
      label="Marketplaces"
      promise={promise}
      columns={canEdit ? adminColumns : columns}
      getRowId={(row) => String(row.id)}
      sortable={marketplaceSortable}
      defaultSort={{ id: "code", desc: false }}
      filters={filters}
      searchLabel="Search code or name"
      emptyMessage="No marketplaces yet."
    />
  );
}
