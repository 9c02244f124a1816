"use client";

import { OrderLink, SkuCell } from "@/components/data-table/cells";
import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { lockFlagLabel, lockStatusTone } from "@/components/ui/status-tones";
import { lockList } from "@/lib/lists/stock-locks";
import type { LockPage, LockRow } from "@/lib/queries/stock-locks";

function FlagBadge({ flag }: { flag: LockRow["flag"] }) {
  if (!flag) return null;
  const { label, tone, hint } = lockFlagLabel[flag];
  return (
    <span title={hint}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

const cells: ListCells<typeof lockList> = {
  id: (row) => row.id,
  order: (row) => <OrderLink orderId={row.orderId} externalId={row.orderExternalId} />,
  marketplace: (row) => row.marketplaceCode,
  variation: (row) => (
    <SkuCell sku={row.sku} name={row.variationName} missing="" minWidth="min-w-64" />
  ),
  quantity: (row) => <span className="tabular-nums">{row.quantity}</span>,
  status: (row) => <Badge tone={lockStatusTone[row.status]}>{row.status}</Badge>,
  createdAt: (row) => <DateTime value={row.createdAt} />,
  consumedAt: (row) => <DateTime value={row.consumedAt} relative={false} />,
  releasedAt: (row) => (
    <span title={row.releaseReason ?? undefined}>
      <DateTime value={row.releasedAt} relative={false} />
    </span>
  ),
  flag: (row) => <FlagBadge flag={row.flag} />,
};

export function LocksTable({
  promise,
  marketplaces,
  staleBefore,
}: {
  promise: Promise<TableResult<LockPage>>;
  marketplaces: FilterOption[];
  staleBefore: string;
}) {
  const staleTime = new Date(staleBefore).getTime();
  return (
    <DataTable
      list={lockList}
      promise={promise}
      cells={cells}
      getRowId={(row) => String(row.id)}
      filterOptions={{ marketplace: marketplaces }}
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
