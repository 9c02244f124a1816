// The overview's banner ("all clear" or what needs attention) and its figures, each linked to
// the list that shows the same rows.
import Link from "next/link";
import { StatCard } from "@/components/ui/stat-card";
import { isAllClear, type Overview } from "@/lib/queries/overview";

const n = (value: number) => value.toLocaleString("en");
const plural = (value: number, one: string, many: string) =>
  `${n(value)} ${value === 1 ? one : many}`;

export function AttentionBanner({ overview }: { overview: Overview }) {
  if (isAllClear(overview)) {
    return (
      <p
        role="status"
        data-testid="all-clear"
        className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
      >
        All clear: no open alerts, no failing pushes, nothing oversold, unmapped or stale.
      </p>
    );
  }
  const open = overview.alerts.length;
  return (
    <p
      role="status"
      data-testid="needs-attention"
      className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Needs attention: {plural(open, "open alert", "open alerts")}.
    </p>
  );
}

function CountLink({ href, value, testId }: { href: string; value: number; testId: string }) {
  return (
    <Link href={href} prefetch={false} className="hover:underline" data-testid={testId}>
      {n(value)}
    </Link>
  );
}

export function OverviewCards({ overview }: { overview: Overview }) {
  const { pushes, stock, today } = overview;
  return (
    <section
      aria-label="Figures"
      className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6"
    >
      <StatCard
        label="Pushes pending"
        value={
          <CountLink
            href="/v2/listing?flag=pending"
            value={pushes.pending}
            testId="pushes-pending"
          />
        }
        hint={
          <Link
            prefetch={false}
            className="underline"
            href="/v2/listing?flag=failing"
            data-testid="pushes-failing"
          >
            {n(pushes.failing)} failing
          </Link>
        }
        tone={pushes.failing > 0 ? "danger" : "default"}
      />
      <StatCard
        label="Oversold variations"
        value={
          <CountLink
            href="/v2/listing?flag=oversold"
            value={stock.oversoldVariations}
            testId="oversold"
          />
        }
        tone={stock.oversoldVariations > 0 ? "danger" : "default"}
      />
      <StatCard
        label="Unmapped SKUs"
        value={
          <CountLink href="/orders?unmapped=1" value={stock.unmappedSkus} testId="unmapped-skus" />
        }
        hint={`${plural(stock.unmappedItems, "open line", "open lines")} without a lock`}
        tone={stock.unmappedSkus > 0 ? "warn" : "default"}
      />
      <StatCard
        label="Active locks"
        value={
          <CountLink
            href="/v2/stock-locks?status=locked"
            value={stock.activeLocks}
            testId="active-locks"
          />
        }
        hint={
          <>
            {plural(stock.unitsLocked, "unit", "units")} ·{" "}
            <Link
              prefetch={false}
              className="underline"
              href="/v2/stock-locks?stale=1"
              data-testid="stale-locks"
            >
              {n(stock.staleLocks)} stale
            </Link>
          </>
        }
        tone={stock.staleLocks > 0 ? "warn" : "default"}
      />
      <StatCard
        label="Orders today"
        value={
          <CountLink
            href={`/orders?from=${today.day}`}
            value={today.orders}
            testId="orders-today"
          />
        }
        hint={`since ${today.day} 00:00 UTC`}
      />
      <StatCard
        label="Locks today"
        value={
          <CountLink
            href={`/v2/stock-locks?from=${today.day}`}
            value={today.locks}
            testId="locks-today"
          />
        }
        hint={plural(today.lockedUnits, "unit", "units")}
      />
    </section>
  );
}
