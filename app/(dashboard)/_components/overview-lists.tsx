// The overview's tables: open alerts and the last sync of each marketplace.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { syncStatusTone } from "@/components/ui/status-tones";
import { alertDetailsText } from "@/lib/alerts/details";
import { type AlertKind, alertKindNames, alertKinds } from "@/lib/domain/enums";
import type { MarketplaceSyncState, Overview } from "@/lib/queries/overview";

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

export function OpenAlerts({ alerts }: { alerts: Overview["alerts"] }) {
  return (
    <Section title="Open alerts">
      {alerts.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="no-open-alerts">
          No open alerts.
        </p>
      ) : (
        <div data-testid="open-alerts">
          {alertGroups(alerts).map(([kind, group]) => (
            // A long group (drift on many listings) starts folded; its count still shows.
            <details key={kind} open={group.length <= OPEN_GROUP_MAX} className="mb-2">
              <summary className="cursor-pointer text-xs font-medium">
                {alertKindNames[kind]} · {group.length} open
              </summary>
              <p className="my-1 text-xs">
                <Link
                  className="text-blue-700 hover:underline dark:text-blue-400"
                  href={alertLinks[kind]}
                  prefetch={false}
                >
                  Where to act on {alertKindNames[kind].toLowerCase()}
                </Link>
              </p>
              <AlertTable kind={kind} alerts={group} />
            </details>
          ))}
        </div>
      )}
    </Section>
  );
}

/** Groups of at most this many alerts start unfolded. */
const OPEN_GROUP_MAX = 10;

/** Open alerts by kind, in the order of alertKinds (failing pushes and syncs first). */
function alertGroups(alerts: Overview["alerts"]): [AlertKind, Overview["alerts"]][] {
  return alertKinds
    .map((kind): [AlertKind, Overview["alerts"]] => [kind, alerts.filter((a) => a.kind === kind)])
    .filter(([, group]) => group.length > 0);
}

function AlertTable({ kind, alerts }: { kind: AlertKind; alerts: Overview["alerts"] }) {
  return (
    <ScrollTable label={`${alertKindNames[kind]} alerts`}>
      <table className={tableClass}>
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
              <td className={cellClass}>{alertKindNames[alert.kind]}</td>
              <td className={`${cellClass} font-mono`}>{alert.subject}</td>
              <td className={cellClass}>
                <DateTime value={alert.openedAt} />
              </td>
              <td className={`${cellClass} font-mono break-all text-zinc-600 dark:text-zinc-400`}>
                {alertDetailsText(alert.details)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function MarketplaceSyncs({ marketplaces }: { marketplaces: MarketplaceSyncState[] }) {
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
