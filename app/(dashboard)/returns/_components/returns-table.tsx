"use client";

import { OrderLink, SkuCell } from "@/components/data-table/cells";
import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { returnStatusTone } from "@/components/ui/status-tones";
import { returnSourceNames } from "@/lib/domain/returns";
import { returnList } from "@/lib/lists/returns";
import type { ReturnPage, ReturnRow } from "@/lib/queries/returns";
import { ReturnActionButtons } from "./return-action-buttons";

function outcome(row: ReturnRow) {
  if (row.status === "restocked") {
    const regraded = row.restockedSku !== null && row.restockedSku !== row.sku;
    return (
      <span>
        restocked as <span className="font-mono text-xs">{row.restockedSku}</span>
        {regraded ? " (regraded)" : ""}
      </span>
    );
  }
  if (row.status === "written_off") return <span>{row.writeOffReason}</span>;
  return null;
}

function cellsFor(roles: {
  canReceive: boolean;
  canResolve: boolean;
}): ListCells<typeof returnList> {
  return {
    id: (row) => row.id,
    order: (row) => <OrderLink orderId={row.orderId} externalId={row.orderExternalId} />,
    marketplace: (row) => row.marketplaceCode,
    variation: (row) => (
      <SkuCell sku={row.sku} name={row.variationName} missing="unmapped" minWidth="min-w-48" />
    ),
    quantity: (row) => <span className="tabular-nums">{row.quantity}</span>,
    status: (row) => (
      <Badge tone={returnStatusTone[row.status]}>{row.status.replace("_", " ")}</Badge>
    ),
    source: (row) => (
      <span title={row.note ?? undefined} className="block min-w-40">
        {returnSourceNames[row.source]}
        {row.externalId && !row.externalId.startsWith("line:") ? (
          <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {row.externalId}
          </span>
        ) : null}
      </span>
    ),
    createdAt: (row) => <DateTime value={row.createdAt} />,
    receivedAt: (row) => (
      <span title={row.receivedBy ?? undefined}>
        <DateTime value={row.receivedAt} relative={false} />
      </span>
    ),
    resolvedAt: (row) => (
      <span title={row.resolvedBy ?? undefined} className="block min-w-32">
        {outcome(row)}
        {row.resolvedAt ? (
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            <DateTime value={row.resolvedAt} relative={false} />
          </span>
        ) : null}
      </span>
    ),
    actions: (row) => <ReturnActionButtons row={row} {...roles} />,
  };
}

export function ReturnsTable({
  promise,
  marketplaces,
  canReceive,
  canResolve,
}: {
  promise: Promise<TableResult<ReturnPage>>;
  marketplaces: FilterOption[];
  canReceive: boolean;
  canResolve: boolean;
}) {
  return (
    <DataTable
      list={returnList}
      promise={promise}
      cells={cellsFor({ canReceive, canResolve })}
      getRowId={(row) => String(row.id)}
      filterOptions={{ marketplace: marketplaces }}
      emptyMessage="No returns match these filters."
      caption={(page) => (
        <>
          {page.total.toLocaleString("en")} returns · {page.units.toLocaleString("en")} units
        </>
      )}
    />
  );
}
