import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { StatCard } from "@/components/ui/stat-card";
import { syncStatusTone } from "@/components/ui/status-tones";
import { alertDetailsText } from "@/lib/alerts/details";
import { type AlertKind, alertKindNames } from "@/lib/domain/enums";
import { isAllClear, type MarketplaceSyncState, type Overview } from "@/lib/queries/overview";

/** Where staff go to act on an alert of each kind. */
const alertLinks: Record<AlertKind, string> = {
  push_failing: "/v2/listing?flag=failing",
  sync_failing: "/sync?status=failed",
  oversold: "/v2/listing?flag=oversold",
  drift: "/v2/listing?flag=drift",
  stale_lock: "/v2/stock-locks?stale=1",
  unmapped_sku: "/orders?unmapped=1",
  marketplace_silent: "/sync",
};

const n = (value: number) => value.toLocaleString("en");
const plural = (value: number, one: string, many: string) =>
  `${n(value)} ${value === 1 ? one : many}`;

/** The overview's content, from one Overview read (the page renders it; tests render it too). */
export function OverviewView({ overview }: { overview: Overview }) {
  return (
    <>
      <AttentionBanner overview={overview} />
      <OverviewCards overview={overview} />
      <OpenAlerts alerts={overview.alerts} />
      <MarketplaceSyncs marketplaces={overview.marketplaces} />
    </>
  );
}

function AttentionBanner({ overview }: { overview: Overview }) {
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

function OverviewCards({ overview }: { overview: Overview }) {
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

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `overview-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <section aria-labelledby={id} className="mb-4">
      <h2 id={id} className="mb-1 text-sm font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const tableClass = "w-full text-left text-xs";
const cellClass = "border-b border-zinc-200 px-2 py-1.5 align-top dark:border-zinc-800";
const headClass = `${cellClass} font-medium text-zinc-600 dark:text-zinc-400`;

function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A keyboard user can scroll it at a phone's width: a focusable, named region.
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: axe asks scrollable regions to take focus
      tabIndex={0}
      className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      {children}
    </section>
  );
}

function OpenAlerts({ alerts }: { alerts: Overview["alerts"] }) {
  return (
    <Section title="Open alerts">
      {alerts.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="no-open-alerts">
          No open alerts.
        </p>
      ) : (
        <ScrollTable label="Open alerts table">
          <table className={tableClass} data-testid="open-alerts">
            <thead>
              <tr>
                <th className={headClass}>Kind</th>
                <th className={headClass}>Subject</th>
                <th className={headClass}>Since</th>
                <th className={headClass}>Details</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id} data-alert-kind={alert.kind}>
                  <td className={cellClass}>
                    <Link
                      className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                      href={alertLinks[alert.kind]}
                      prefetch={false}
                    >
                      {alertKindNames[alert.kind]}
                    </Link>
                  </td>
                  <td className={`${cellClass} font-mono`}>{alert.subject}</td>
                  <td className={cellClass}>
                    <DateTime value={alert.openedAt} />
                  </td>
                  <td
                    className={`${cellClass} font-mono break-all text-zinc-600 dark:text-zinc-400`}
                  >
                    {alertDetailsText(alert.details)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Section>
  );
}

function MarketplaceSyncs({ marketplaces }: { marketplaces: MarketplaceSyncState[] }) {
  return (
    <Section title="Last sync per marketplace">
      {marketplaces.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          No marketplaces yet.{" "}
          <Link className="underline" href="/marketplaces">
            Add one
          </Link>
          .
        </p>
      ) : (
        <ScrollTable label="Last sync per marketplace table">
          <table className={tableClass} data-testid="marketplace-syncs">
            <thead>
              <tr>
                <th className={headClass}>Marketplace</th>
                <th className={headClass}>Last run</th>
                <th className={headClass}>Started</th>
                <th className={headClass}>Last success</th>
              </tr>
            </thead>
            <tbody>
              {marketplaces.map((m) => (
                <tr
                  key={m.id}
                  data-marketplace={m.code}
                  data-stale={m.stale ? "true" : undefined}
                  className={m.stale ? "bg-red-50 dark:bg-red-950/40" : undefined}
                >
                  <td className={cellClass}>
                    <Link
                      className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                      href={`/sync?marketplace=${m.id}`}
                      prefetch={false}
                    >
                      {m.code}
                    </Link>{" "}
                    {m.active ? null : <Badge tone="zinc">inactive</Badge>}
                    {m.stale ? (
                      <Badge
                        tone="red"
                        title="No successful sync for longer than the marketplace_silent threshold"
                      >
                        stale
                      </Badge>
                    ) : null}
                  </td>
                  <td className={cellClass}>
                    {m.lastRun ? (
                      <>
                        {m.lastRun.type}{" "}
                        <Badge tone={syncStatusTone[m.lastRun.status]}>{m.lastRun.status}</Badge>
                      </>
                    ) : (
                      <span className="text-zinc-600 dark:text-zinc-400">never synced</span>
                    )}
                  </td>
                  <td className={cellClass}>
                    <DateTime value={m.lastRun?.startedAt} />
                  </td>
                  <td className={cellClass}>
                    <DateTime value={m.lastSuccessAt} emptyLabel="never" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Section>
  );
}
