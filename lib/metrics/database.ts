// Database-derived gauges, read at scrape time. They describe shared state (sync_runs, locks,
// the push ledger, alerts), so every instance reports the same values: aggregate them with
// max/avg by their labels in Prometheus, never sum across instances.
import { sql } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import { type Executor, queryRows } from "@/db/client";
import { alertKinds, pushStatuses, syncStatuses } from "@/lib/domain/enums";
import { METRIC_PREFIX } from "./process";

/** The push ledger window the pushes gauge counts over. */
export const PUSH_WINDOW_HOURS = 24;

type Count = { n: number | string };

/** A fresh registry holding this scrape's database gauges. Throws when the database does. */
export async function collectDatabaseMetrics(db: Executor): Promise<Registry> {
  const registry = new Registry();
  const registers = [registry];
  const runs = new Gauge({
    name: `${METRIC_PREFIX}sync_runs`,
    help: "Rows in sync_runs, by marketplace code, type and status (same on every instance).",
    labelNames: ["marketplace", "type", "status"] as const,
    registers,
  });
  const activeLocks = new Gauge({
    name: `${METRIC_PREFIX}active_locks`,
    help: "Stock locks in status locked, by marketplace code.",
    labelNames: ["marketplace"] as const,
    registers,
  });
  const lockedUnits = new Gauge({
    name: `${METRIC_PREFIX}locked_units`,
    help: "Units held by active (locked) stock locks, by marketplace code.",
    labelNames: ["marketplace"] as const,
    registers,
  });
  const pushes = new Gauge({
    name: `${METRIC_PREFIX}pushes`,
    help: `Push attempts recorded in stock_pushes over the last ${PUSH_WINDOW_HOURS} h, by status.`,
    labelNames: ["status"] as const,
    registers,
  });
  const openAlerts = new Gauge({
    name: `${METRIC_PREFIX}open_alerts`,
    help: "Open alerts, by kind (absent while the alerts table does not exist).",
    labelNames: ["kind"] as const,
    registers,
  });

  const [runRows, lockRows, pushRows, alertRows] = await Promise.all([
    queryRows<Count & { marketplace: string | null; type: string; status: string }>(
      db,
      sql`select m.code as marketplace, r.type, r.status, count(*)::int as n
          from sync_runs r left join marketplaces m on m.id = r.marketplace_id
          group by m.code, r.type, r.status`,
    ),
    queryRows<Count & { marketplace: string; units: number | string }>(
      db,
      sql`select m.code as marketplace, count(l.id)::int as n,
            coalesce(sum(l.quantity), 0)::bigint as units
          from marketplaces m
          left join marketplace_stock_locks l on l.marketplace_id = m.id and l.status = 'locked'
          group by m.code`,
    ),
    queryRows<Count & { status: string }>(
      db,
      sql`select status, count(*)::int as n from stock_pushes
          where attempted_at > now() - make_interval(hours => ${PUSH_WINDOW_HOURS})
          group by status`,
    ),
    queryRows<Count & { kind: string }>(
      db,
      sql`select kind, count(*)::int as n from alerts where status = 'open' group by kind`,
    ),
  ]);

  // Every status of a type that ran is reported (0 when none), so rates start from 0.
  const runKeys = new Map<string, { marketplace: string; type: string }>();
  for (const row of runRows) {
    const marketplace = row.marketplace ?? "";
    runKeys.set(`${marketplace}\u0000${row.type}`, { marketplace, type: row.type });
  }
  for (const key of runKeys.values()) {
    for (const status of syncStatuses) runs.set({ ...key, status }, 0);
  }
  for (const row of runRows) {
    runs.set(
      { marketplace: row.marketplace ?? "", type: row.type, status: row.status },
      Number(row.n),
    );
  }
  for (const row of lockRows) {
    activeLocks.set({ marketplace: row.marketplace }, Number(row.n));
    lockedUnits.set({ marketplace: row.marketplace }, Number(row.units));
  }
  for (const status of pushStatuses) pushes.set({ status }, 0);
  for (const row of pushRows) pushes.set({ status: row.status }, Number(row.n));

  // Every kind is reported (0 when none is open): alert rules compare with 0, no `absent()`.
  for (const kind of alertKinds) openAlerts.set({ kind }, 0);
  for (const row of alertRows) openAlerts.set({ kind: row.kind }, Number(row.n));
  return registry;
}
