"use client";

import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { syncStatusTone } from "@/components/ui/status-tones";
import { formatDuration } from "@/lib/format/time";
import { syncRunList } from "@/lib/lists/sync-runs";
import type { SyncRunPage, SyncRunRow } from "@/lib/queries/sync-runs";
import { AutoRefresh } from "./auto-refresh";

const cells: ListCells<typeof syncRunList> = {
  id: (run) => run.id,
  type: (run) => run.type,
  marketplace: (run) => run.marketplaceCode ?? "all",
  trigger: (run) => run.trigger,
  status: (run) => (
    <span className="flex flex-col gap-0.5">
      <span>
        <Badge tone={syncStatusTone[run.status]}>{run.status}</Badge>
      </span>
      {run.status === "running" && run.progress ? (
        <Progress done={run.progress.done} total={run.progress.total} phase={run.progress.phase} />
      ) : null}
    </span>
  ),
  fetched: (r) => (
    <span className="text-xs tabular-nums" title="fetched · created · updated · locks · accepted">
      {r.fetched} fetched · {r.created} new · {r.updated} upd · {r.locks} locks · {r.accepted} acc
    </span>
  ),
  errors: (run) => <RunErrors run={run} />,
  startedAt: (run) => <DateTime value={run.startedAt} />,
  durationMs: (run) => <span className="tabular-nums">{formatDuration(run.durationMs)}</span>,
};

function Progress({ done, total, phase }: { done: number; total: number | null; phase: string }) {
  return (
    <span className="flex items-center gap-1 text-xs">
      <progress
        className="h-1.5 w-20"
        value={done}
        max={total ?? undefined}
        aria-label={`${phase} progress`}
      />
      {phase} {done}
      {total ? `/${total}` : ""}
    </span>
  );
}

/** The error count, expandable into the per-order errors and the run's message. */
function RunErrors({ run }: { run: SyncRunRow }) {
  if (run.errors === 0 && !run.message) return <span className="text-zinc-400">0</span>;
  return (
    <details className="max-w-md text-xs">
      <summary className="cursor-pointer text-red-700 dark:text-red-400">
        {run.errors} {run.errors === 1 ? "error" : "errors"}
        {run.message ? " · message" : ""}
      </summary>
      {run.message ? <p className="mt-1 font-medium">{run.message}</p> : null}
      <ul className="mt-1 list-disc pl-4">
        {run.errorDetails.map((error, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id; the list is static
          <li key={i}>
            {error.orderId ? <span className="font-mono">{error.orderId}: </span> : null}
            {error.message}
            {error.path ? <span className="text-zinc-500"> ({error.path})</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SyncRunsTable({
  promise,
  marketplaces,
}: {
  promise: Promise<TableResult<SyncRunPage>>;
  marketplaces: FilterOption[];
}) {
  return (
    <DataTable
      list={syncRunList}
      promise={promise}
      cells={cells}
      getRowId={(row) => String(row.id)}
      filterOptions={{ marketplace: marketplaces }}
      emptyMessage="No sync runs match these filters."
      caption={(page) => (
        <>
          <AutoRefresh active={page.running > 0 || page.queued > 0} queued={page.queued} />
          {page.total.toLocaleString("en")} runs
        </>
      )}
      rowClassName={(row) => (row.status === "failed" ? "bg-red-50 dark:bg-red-950/40" : undefined)}
    />
  );
}
