import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { ErrorPanel } from "@/components/ui/error-panel";
import { StatCard } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { settle } from "@/lib/queries/settle";
import { lockSummary } from "@/lib/queries/stock-locks";

export async function LockSummaryCards({ staleDays }: { staleDays: number }) {
  const db = await getDb();
  const result = await settle("lock summary", () => lockSummary(db, staleDays));
  if (!result.ok) return <ErrorPanel title="Summary unavailable" message={result.error.message} />;
  const s = result.data;
  return (
    <section aria-label="Summary" className="mb-3 grid grid-cols-2 gap-2 md:grid-cols-6">
      <StatCard
        label="Active locks"
        value={s.activeLocks.toLocaleString("en")}
        hint={
          s.staleLocks > 0 ? (
            <Link
              prefetch={false}
              className="text-amber-700 underline dark:text-amber-400"
              href="/v2/stock-locks?stale=1"
            >
              {s.staleLocks.toLocaleString("en")} stale
            </Link>
          ) : (
            "none stale"
          )
        }
        tone={s.staleLocks > 0 ? "warn" : "default"}
      />
      <StatCard label="Units locked" value={s.unitsLocked.toLocaleString("en")} />
      <StatCard
        label="Oldest active lock"
        value={
          <span className="text-sm">
            {s.oldestActiveAt ? <DateTime value={s.oldestActiveAt} /> : "—"}
          </span>
        }
      />
      <StatCard
        label="Oversold variations"
        value={
          <Link href="/v2/listing?flag=oversold" className="hover:underline">
            {s.oversoldVariations.toLocaleString("en")}
          </Link>
        }
        tone={s.oversoldVariations > 0 ? "danger" : "default"}
      />
      <StatCard
        label="Needs attention"
        value={
          <Link href="/v2/stock-locks?flag=item_vanished&status=locked" className="hover:underline">
            {s.vanishedLocks.toLocaleString("en")}
          </Link>
        }
        hint={
          <>
            active locks whose line vanished ·{" "}
            <Link
              prefetch={false}
              className="underline"
              href="/v2/stock-locks?flag=shipped_after_release"
            >
              {s.shippedAfterRelease.toLocaleString("en")} shipped after release
            </Link>
          </>
        }
        tone={s.vanishedLocks > 0 ? "danger" : s.shippedAfterRelease > 0 ? "warn" : "default"}
      />
      <StatCard
        label="Unmapped open items"
        value={s.unmappedItems.toLocaleString("en")}
        hint="no variation for their SKU: no lock"
        tone={s.unmappedItems > 0 ? "warn" : "default"}
      />
    </section>
  );
}
