"use client";

import Link from "next/link";
import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { orderStatusTone } from "@/components/ui/status-tones";
import { orderList } from "@/lib/lists/orders";
import type { OrderPage } from "@/lib/queries/orders";

const cells: ListCells<typeof orderList> = {
  externalId: (row) => (
    <Link
      prefetch={false}
      className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400"
      href={`/orders/${row.id}`}
    >
      {row.externalId}
    </Link>
  ),
  marketplace: (row) => row.marketplaceCode,
  status: (row) => (
    <Badge tone={orderStatusTone[row.status]} title={`marketplace state ${row.marketplaceState}`}>
      {row.status}
    </Badge>
  ),
  customer: (row) => row.customerName,
  country: (row) => row.shippingCountry,
  items: (row) => (
    <span className="tabular-nums">
      {row.items} <span className="text-zinc-600 dark:text-zinc-400">({row.units} u)</span>
    </span>
  ),
  locked: (row) =>
    row.lockedUnits > 0 ? (
      <Badge tone="amber">{row.lockedUnits} locked</Badge>
    ) : (
      <span className="text-zinc-600 dark:text-zinc-400">—</span>
    ),
  totalAmount: (row) => (
    <span className="tabular-nums">
      {row.totalAmount ?? "—"} {row.currency ?? ""}
    </span>
  ),
  documents: (row) => (
    <span className="text-xs" title="label · delivery note">
      {row.hasLabel ? "label" : <span className="text-zinc-600 dark:text-zinc-400">no label</span>}
      {" · "}
      {row.hasDeliveryNote ? (
        "note"
      ) : (
        <span className="text-zinc-600 dark:text-zinc-400">no note</span>
      )}
    </span>
  ),
  orderedAt: (row) => <DateTime value={row.orderedAt} />,
  modifiedAt: (row) => <DateTime value={row.modifiedAt} relative={false} />,
};

export function OrdersTable({
  promise,
  marketplaces,
}: {
  promise: Promise<TableResult<OrderPage>>;
  marketplaces: FilterOption[];
}) {
  return (
    <DataTable
      list={orderList}
      promise={promise}
      cells={cells}
      getRowId={(row) => String(row.id)}
      filterOptions={{ marketplace: marketplaces }}
      emptyMessage="No orders match these filters."
      caption={(page) => <>{page.total.toLocaleString("en")} orders</>}
    />
  );
}
