"use client";

import Link from "next/link";
import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { syncStatusTone } from "@/components/ui/status-tones";
import { marketplaceList } from "@/lib/lists/marketplaces";
import type { MarketplaceRow } from "@/lib/queries/marketplace-list";

const linkClass = "text-blue-700 tabular-nums hover:underline dark:text-blue-400";

const cells: ListCells<typeof marketplaceList> = {
  code: (row) => <span className="font-mono text-xs">{row.code}</span>,
  name: (row) => row.name,
  provider: (row) => row.provider,
  country: (row) => row.country ?? "—",
  active: (row) => (row.active ? <Badge tone="green">active</Badge> : <Badge>off</Badge>),
  token: (row) => (
    <span className="text-xs">
      <code>{row.tokenEnv}</code>{" "}
      {row.tokenConfigured ? <Badge tone="green">set</Badge> : <Badge tone="red">missing</Badge>}
    </span>
  ),
  acceptPolicy: (row) => row.acceptPolicy,
  listings: (row) => (
    <Link prefetch={false} className={linkClass} href={`/v2/listing?marketplace=${row.id}`}>
      {row.listings.toLocaleString("en")}
    </Link>
  ),
  openOrders: (row) => (
    <Link
      prefetch={false}
      className={linkClass}
      href={`/orders?marketplace=${row.id}&status=pending,new,accepted`}
    >
      {row.openOrders.toLocaleString("en")}
    </Link>
  ),
  lastRunAt: (row) =>
    row.lastStatus ? (
      <span className="flex flex-col">
        <span>
          <Badge tone={syncStatusTone[row.lastStatus]}>{row.lastStatus}</Badge>
        </span>
        <DateTime value={row.lastRunAt} />
      </span>
    ) : (
      <span className="text-zinc-600 dark:text-zinc-400">never</span>
    ),
};

// Admins get an edit link per row (the page and the action check the role again).
function editLink(row: MarketplaceRow) {
  return (
    <Link
      prefetch={false}
      className="text-blue-700 hover:underline dark:text-blue-400"
      href={`/marketplaces/${row.id}`}
      aria-label={`Edit ${row.code}`}
    >
      Edit
    </Link>
  );
}

export function MarketplacesTable({
  promise,
  canEdit,
}: {
  promise: Promise<TableResult<{ rows: MarketplaceRow[]; total: number }>>;
  canEdit: boolean;
}) {
  return (
    <DataTable
      list={marketplaceList}
      promise={promise}
      cells={cells}
      getRowId={(row) => String(row.id)}
      rowActions={canEdit ? editLink : undefined}
      emptyMessage="No marketplaces yet."
    />
  );
}
