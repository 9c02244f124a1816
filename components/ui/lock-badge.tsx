import type { OrderItemWithLock } from "@/lib/queries/order-detail";
import { Badge } from "./badge";
import { DateTime } from "./date-time";
import { lockFlagLabel, lockStatusTone } from "./status-tones";

export type LockBadgeLock = NonNullable<OrderItemWithLock["lock"]>;

/** The lock of one order line: status colour, units, and when it was locked/consumed/released. */
export function LockBadge({ lock, unmapped }: { lock: LockBadgeLock | null; unmapped?: boolean }) {
  if (!lock) {
    return unmapped ? (
      <Badge tone="red" title="The SKU maps to no variation: no lock until it is mapped">
        unmapped · no lock
      </Badge>
    ) : (
      <Badge tone="zinc" title="First seen in a final state: stock was never counted">
        no lock
      </Badge>
    );
  }
  return (
    <div className="flex flex-col gap-0.5" data-testid={`lock-${lock.id}`}>
      <span>
        <Badge tone={lockStatusTone[lock.status]}>
          {lock.status} · {lock.quantity} {lock.quantity === 1 ? "unit" : "units"}
        </Badge>
        {lock.flag ? (
          <Badge tone={lockFlagLabel[lock.flag].tone} title={lockFlagLabel[lock.flag].hint}>
            {lockFlagLabel[lock.flag].label}
          </Badge>
        ) : null}
      </span>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
        <dt>locked</dt>
        <dd>
          <DateTime value={lock.createdAt} />
        </dd>
        {lock.consumedAt ? (
          <>
            <dt>consumed</dt>
            <dd>
              <DateTime value={lock.consumedAt} />
            </dd>
          </>
        ) : null}
        {!lock.releasedAt && lock.releaseReason ? (
          <>
            <dt>released</dt>
            <dd>
              “{lock.releaseReason}”{lock.releasedBy ? ` — ${lock.releasedBy}` : ""}, then shipped
            </dd>
          </>
        ) : null}
        {lock.releasedAt ? (
          <>
            <dt>released</dt>
            <dd>
              <DateTime value={lock.releasedAt} />
              {lock.releaseReason ? (
                <span className="block">
                  “{lock.releaseReason}”{lock.releasedBy ? ` — ${lock.releasedBy}` : ""}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
