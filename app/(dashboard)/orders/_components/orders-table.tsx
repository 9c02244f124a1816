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
import { orderStatusTone } from "@/components/ui/status-tones";
import { orderStatuses } from "@/db/schema/enums";
import type { OrderPage, OrderRow } from "@/lib/queries/orders";
import { orderSortable } from "@/lib/validations/orders";

const helper = createColumnHelper<DataTableFeatures, OrderRow>();

const columns: DataTableColumn<OrderRow>[] = helper.columns([
  helper.accessor("externalId", {
    id: "externalId",
    header: "Order",
    cell: (info) => (
      <Link
        prefetch={false}
        className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400"
        href={`/orders/${info.row.original.id}`}
      >
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor("marketplaceCode", { id: "marketplace", header: "Marketplace" }),
  helper.accessor("status", {
    id: "status",
    header: "Status",
    cell: (info) => {
      const row = info.row.original;
      return (
        <Badge
          tone={orderStatusTone[row.status]}
          title={`marketplace state ${row.marketplaceState}`}
        >
          {row.status}
        </Badge>
      );
    },
  }),
  helper.accessor("customerName", { id: "customer", header: "Customer" }),
  helper.accessor("shippingCountry", { id: "country", header: "Country" }),
  helper.accessor("items", {
    id: "items",
    header: "Lines",
    cell: (info) => (
      <span className="tabular-nums">
        {info.row.original.items}{" "}
        <span className="text-zinc-500">({info.row.original.units} u)</span>
      </span>
    ),
  }),
  helper.accessor("lockedUnits", {
    id: "locked",
    header: "Locked",
    cell: (info) =>
      info.row.original.lockedUnits > 0 ? (
        <Badge tone="amber">{info.row.original.lockedUnits} locked</Badge>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  }),
  helper.accessor("totalAmount", {
    id: "totalAmount",
    header: "Total",
    cell: (info) => (
      <span className="tabular-nums">
        {info.row.original.totalAmount ?? "—"} {info.row.original.currency ?? ""}
      </span>
    ),
  }),
  helper.accessor("hasLabel", {
    id: "documents",
    header: "Docs",
    cell: (info) => {
      const row = info.row.original;
      return (
        <span className="text-xs" title="label · delivery note">
          {row.hasLabel ? "label" : <span className="text-zinc-400">no label</span>}
          {" · "}
          {row.hasDeliveryNote ? "note" : <span className="text-zinc-400">no note</span>}
        </span>
      );
    },
  }),
  helper.accessor("orderedAt", {
    id: "orderedAt",
    header: "Ordered",
    cell: (info) => <DateTime value={info.getValue()} />,
  }),
  helper.accessor("modifiedAt", {
    id: "modifiedAt",
    header: "Modified",
    cell: (info) => <DateTime value={info.getValue()} relative={false} />,
  }),
]);

const statusOptions = orderStatuses.map((s) => ({ value: s, label: s }));

export function OrdersTable({
  promise,
  marketplaces,
}: {
  promise: Promise<TableResult<OrderPage>>;
  marketplaces: { id: number; code: string }[];
}) {
  const filters: FilterField[] = [
    {
      id: "marketplace",
      label: "Marketplace",
      kind: "multi",
      options: marketplaces.map((m) => ({ value: String(m.id), label: m.code })),
    },
    { id: "status", label: "Status", kind: "multi", options: statusOptions },
    { id: "from", label: "From", kind: "date" },
    { id: "to", label: "To", kind: "date" },
    { id: "incomplete", label: "Missing documents", kind: "toggle" },
  ];
  return (
    <DataTable
      label="Orders"
      promise={promise}
      columns={columns}
      getRowId={(row) => String(row.id)}
      sortable={orderSortable}
      defaultSort={{ id: "orderedAt", desc: true }}
      filters={filters}
      searchLabel="Search order id or customer"
      exportPath="/api/export/orders"
      emptyMessage="No orders match these filters."
      caption={(page) => <>{page.total.toLocaleString("en")} orders</>}
    />
  );
}
