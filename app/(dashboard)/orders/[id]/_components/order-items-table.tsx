import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LockBadge } from "@/components/ui/lock-badge";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { orderStatusTone, returnStatusTone } from "@/components/ui/status-tones";
import type { ReturnStatus } from "@/lib/domain/returns";
import type { OrderItemWithLock } from "@/lib/queries/order-detail";
import { RecordReturnButton } from "./record-return-button";
import { ReleaseLockButton } from "./release-lock-button";

interface LineReturn {
  id: number;
  orderItemId: number;
  quantity: number;
  status: ReturnStatus;
}

/**
 * The order's lines with their lock badges and returns (a handful of rows: no pagination).
 * `canRelease` (admins) adds a release button to each active lock; `canRecordReturn`
 * (operators) a "record return" button to shipped lines whose units are not all expected back.
 */
export function OrderItemsTable({
  orderId,
  items,
  returns,
  canRelease,
  canRecordReturn,
}: {
  orderId: number;
  items: OrderItemWithLock[];
  /** Null: the returns could not be read. */
  returns: LineReturn[] | null;
  canRelease: boolean;
  canRecordReturn: boolean;
}) {
  return (
    <ScrollRegion label="Order lines">
      <table className="w-full text-left text-[13px]" aria-label="Order lines">
        <thead className="bg-zinc-100 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          <tr>
            {["Line", "SKU", "Qty", "Status", "Care", "Lock", "Returns"].map((heading) => (
              <th key={heading} scope="col" className="px-2 py-1.5 font-medium">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.id}
              className="border-t border-zinc-100 align-top dark:border-zinc-800"
              data-testid={`item-${item.externalId}`}
            >
              <td className="px-2 py-1.5 font-mono text-xs">{item.externalId}</td>
              <td className="px-2 py-1.5">
                {item.variationId ? (
                  <Link
                    prefetch={false}
                    className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400"
                    href={`/v2/listing?variation=${item.variationId}`}
                  >
                    {item.sku}
                  </Link>
                ) : (
                  <span className="font-mono text-xs">{item.sku}</span>
                )}
                {item.name ? (
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {item.name}
                  </span>
                ) : null}
              </td>
              <td className="px-2 py-1.5 tabular-nums">{item.quantity}</td>
              <td className="px-2 py-1.5">
                <Badge
                  tone={orderStatusTone[item.status]}
                  title={`marketplace state ${item.marketplaceState}`}
                >
                  {item.status}
                </Badge>
              </td>
              <td className="px-2 py-1.5 text-xs">{item.careId ?? "—"}</td>
              <td className="px-2 py-1.5">
                <div className="flex items-start gap-3">
                  <LockBadge lock={item.lock} unmapped={item.variationId === null} />
                  {canRelease && item.lock?.status === "locked" ? (
                    <ReleaseLockButton
                      orderId={orderId}
                      lockId={item.lock.id}
                      line={item.externalId}
                      sku={item.sku}
                      quantity={item.lock.quantity}
                    />
                  ) : null}
                </div>
              </td>
              <td className="px-2 py-1.5">
                <LineReturns
                  orderId={orderId}
                  item={item}
                  returns={returns}
                  canRecord={canRecordReturn}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function LineReturns({
  orderId,
  item,
  returns,
  canRecord,
}: {
  orderId: number;
  item: OrderItemWithLock;
  returns: LineReturn[] | null;
  canRecord: boolean;
}) {
  if (returns === null)
    return <span className="text-xs text-red-700 dark:text-red-400">unavailable</span>;
  const mine = returns.filter((entry) => entry.orderItemId === item.id);
  const expectedBack = mine
    .filter((entry) => entry.status !== "written_off")
    .reduce((units, entry) => units + entry.quantity, 0);
  const left = item.quantity - expectedBack;
  const shipped = item.status === "shipped" || item.status === "refunded";
  return (
    <div className="flex flex-wrap items-start gap-1">
      {mine.map((entry) => (
        <Link
          key={entry.id}
          prefetch={false}
          href={`/returns?q=${encodeURIComponent(item.externalId)}&status=${entry.status}`}
        >
          <Badge tone={returnStatusTone[entry.status]}>
            #{entry.id} {entry.status.replace("_", " ")}
          </Badge>
        </Link>
      ))}
      {canRecord && shipped && left > 0 ? (
        <RecordReturnButton
          orderId={orderId}
          orderItemId={item.id}
          line={item.externalId}
          sku={item.sku}
          maxQuantity={left}
        />
      ) : mine.length === 0 ? (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">—</span>
      ) : null}
    </div>
  );
}
