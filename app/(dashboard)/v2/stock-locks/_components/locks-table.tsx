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
import { lockFlagLabel, lockStatusTone } from "@/components/ui/status-tones";
import { lockFlags, lockStatuses } from "@/db/schema/enums";
import type { LockPage, LockRow } from "@/lib/queries/stock-locks";
import { lockSortable } from "@/lib/validations/stock-locks";

const helper = createColumnHelper<DataTableFeatures, LockRow>();

const columns: DataTableColumn<LockRow>[] = helper.columns([
  helper.accessor("id", { id: "id", header: "Lock" }),
  helper.accessor("orderExternalId", {
    id: "order",
    header: "Order",
    cell: (info) => (
      <Link
        prefetch={false}
        className="text-blue-700 hover:underline dark:text-blue-400"
        href={`/orders/${info.row.original.orderId}`}
      >
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor("marketplaceCode", { id: "marketplace", header: "Marketplace" }),
  helper.accessor("sku", {
    id: "variation",
    header: "Variation",
    cell: (info) => (
      <span title={info.row.original.variationName} className="block min-w-64">
        <span className="font-mono text-xs whitespace-nowrap">{info.getValue()}</span>{" "}
        <span className="text-zinc-500">{info.row.original.variationName}</span>
      </span>
    ),
  }),
  helper.accessor("quantity", {
    id: "quantity",
    header: "Qty",
    cell: (info) => <span className="tabular-nums">{info.getValue()}</span>,
  }),
  helper.accessor("status", {
    id: "status",
    header: "Status",
    cell: (info) => {
      const status = info.row.original.status;
      return <Badge tone={lockStatusTone[status]}>{status}</Badge>;
    },
  }),
  helper.accessor("flag", {
    id: "flag",
    header: "Attention",
    cell: (info) => {
      const flag = info.row.original.flag;
      if (!flag) return null;
      const { label, tone, hint } = lockFlagLabel[flag];
      return (
        <span title={hint}>
          <Badge tone={tone}>{label}</Badge>
        </span>
      );
    },
  }),
  helper.accessor("createdAt", {
    id: "createdAt",
    header: "Locked",
    cell: (info) => <DateTime value={info.getValue()} />,
  }),
  helper.accessor("consumedAt", {
    id: "consumedAt",
    header: "Consumed",
    cell: (info) => <DateTime value={info.getValue()} relative={false} />,
  }),
  helper.accessor("releasedAt", {
    id: "releasedAt",
    header: "Released",
    cell: (info) => (
      <span title={info.row.original.releaseReason ?? undefined}>
        <DateTime value={info.getValue()} relative={false} />
      </span>
    ),
  }),
]);

const statusOptions = lockStatuses.map((s) => ({ value: s, label: s }));
const flagOptions = lockFlags.map((f) => ({ value: f, label: lockFlagLabel[f].label }));

export function LocksTable({
  promise,
  marketplaces,
  staleBefore,
}: {
  promise: Promise<TableResult<LockPage>>;
  marketplaces: { id: number; code: string; name: string }[];
  staleBefore: string;
}) {
  const staleTime = new Date(staleBefore).getTime();
  const filters: FilterField[] = [
    {
      id: "marketplace",
      label: "Marketplace",
      kind: "multi",
      options: marketplaces.map((m) => ({ value: String(m.id), label: m.code })),
    },
    { id: "status", label: "Status", kind: "multi", options: statusOptions },
    { id: "flag", label: "Attention", kind: "multi", options: flagOptions },
    { id: "variation", label: "Variation id", kind: "text", placeholder: "id" },
    { id: "order", label: "Order", kind: "text", placeholder: "id or marketplace id" },
    { id: "from", label: "From", kind: "date" },
    { id: "to", label: "To", kind: "date" },
    { id: "stale", label: "Stale only", kind: "toggle" },
  ];
  return (
    <DataTable
      label="Stock locks"
      promise={promise}
      columns={columns}
      getRowId={(row) => String(row.id)}
      sortable={lockSortable}
      defaultSort={{ id: "createdAt", desc: true }}
      filters={filters}
      searchLabel="Search order id, SKU or name"
      exportPath="/api/export/stock-locks"
      emptyMessage="No locks match these filters."
      caption={(page) => (
        <>
          {page.total.toLocaleString("en")} locks · {page.units.toLocaleString("en")} units
        </>
      )}
      rowClassName={(row) =>
        row.status === "locked" && row.createdAt.getTime() < staleTime
          ? "bg-amber-50 dark:bg-amber-950/40"
          : undefined
      }
    />
  );
}
