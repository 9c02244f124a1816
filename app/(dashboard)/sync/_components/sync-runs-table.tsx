"use client";

import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { FilterOption, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { syncStatusTone } from "@/components/ui/status-tones";
import { formatDuration } from "@/lib/format/time";
import { syncRunList } from "@/lib/lists/sync-runs";
import type { SyncRunPage } from "@/lib/queries/sync-runs";
import { AutoRefresh } from "./auto-refresh";
import { RunErrors } from "./run-errors";

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
    <span className="flex flex-col gap-0.5 text-xs tabular-nums">
      <span title="fetched · created · updated · locks · accepted">
        {r.fetched} fetched · {r.created} new · {r.updated} upd · {r.locks} locks · {r.accepted} acc
      </span>
      {r.emptyPolls > 0 && r.lastPolledAt ? (
        <span className="text-zinc-600 dark:text-zinc-300">
          + {r.emptyPolls.toLocaleString("en")} {r.emptyPolls === 1 ? "poll" : "polls"} with nothing
          new, last <DateTime value={r.lastPolledAt} />
        </span>
      ) : null}
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
