import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LockBadge } from "@/components/ui/lock-badge";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { orderStatusTone } from "@/components/ui/status-tones";
import type { OrderItemWithLock } from "@/lib/queries/order-detail";
import { ReleaseLockButton } from "./release-lock-button";

/**
 * The order's lines with their lock badges (a handful of rows: no pagination). `canRelease`
 * (admins) adds a release button to each active lock.
 */
export function OrderItemsTable({
  orderId,
  items,
  canRelease,
}: {
  orderId: number;
  items: OrderItemWithLock[];
  canRelease: boolean;
}) {
  return (
    <ScrollRegion label="Order lines">
      <table className="w-full text-left text-[13px]" aria-label="Order lines">
        <thead className="bg-zinc-100 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          <tr>
            {["Line", "SKU", "Qty", "Status", "Care", "Lock"].map((heading) => (
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
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
