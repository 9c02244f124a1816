"use client";

import { createColumnHelper } from "@tanstack/react-table";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFeatures,
} from "@/components/data-table/data-table";
import type { FilterField, TableResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { syncStatusTone } from "@/components/ui/status-tones";
import { syncStatuses, syncTriggers, syncTypes } from "@/db/schema/enums";
import { formatDuration } from "@/lib/format/time";
import type { SyncRunPage, SyncRunRow } from "@/lib/queries/sync-runs";
import { syncRunSortable } from "@/lib/validations/sync-runs";
import { AutoRefresh } from "./auto-refresh";

const helper = createColumnHelper<DataTableFeatures, SyncRunRow>();
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

const columns: DataTableColumn<SyncRunRow>[] = helper.columns([
  helper.accessor("id", { id: "id", header: "Run" }),
  helper.accessor("type", { id: "type", header: "Type" }),
  helper.accessor("marketplaceCode", {
    id: "marketplace",
    header: "Marketplace",
    cell: (info) => info.row.original.marketplaceCode ?? "all",
  }),
  helper.accessor("trigger", { id: "trigger", header: "Trigger" }),
  helper.accessor("status", {
    id: "status",
    header: "Status",
    cell: (info) => {
      const run = info.row.original;
      return (
        <span className="flex flex-col gap-0.5">
          <span>
            <Badge tone={syncStatusTone[run.status]}>{run.status}</Badge>
          </span>
          {run.status === "running" && run.progress ? (
            <Progress
              done={run.progress.done}
              total={run.progress.total}
              phase={run.progress.phase}
            />
          ) : null}
        </span>
      );
    },
  }),
  helper.accessor("fetched", {
    id: "fetched",
    header: "Counts",
    cell: (info) => {
      const r = info.row.original;
      return (
        <span
          className="text-xs tabular-nums"
          title="fetched · created · updated · locks · accepted"
        >
          {r.fetched} fetched · {r.created} new · {r.updated} upd · {r.locks} locks · {r.accepted}{" "}
          acc
        </span>
      );
    },
  }),
  helper.accessor("errors", {
    id: "errors",
    header: "Errors",
    cell: (info) => <RunErrors run={info.row.original} />,
  }),
  helper.accessor("startedAt", {
    id: "startedAt",
    header: "Started",
    cell: (info) => <DateTime value={info.row.original.startedAt} />,
  }),
  helper.accessor("durationMs", {
    id: "durationMs",
    header: "Duration",
    cell: (info) => (
      <span className="tabular-nums">{formatDuration(info.row.original.durationMs)}</span>
    ),
  }),
]);

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
  marketplaces: { id: number; code: string }[];
}) {
  const filters: FilterField[] = [
    {
      id: "marketplace",
      label: "Marketplace",
      kind: "multi",
      options: marketplaces.map((m) => ({ value: String(m.id), label: m.code })),
    },
    { id: "type", label: "Type", kind: "multi", options: options(syncTypes) },
    { id: "status", label: "Status", kind: "multi", options: options(syncStatuses) },
    { id: "trigger", label: "Trigger", kind: "multi", options: options(syncTriggers) },
    { id: "from", label: "From", kind: "date" },
    { id: "to", label: "To", kind: "date" },
  ];
  return (
    <DataTable
      label="Sync runs"
      promise={promise}
      columns={columns}
      getRowId={(row) => String(row.id)}
      sortable={syncRunSortable}
      defaultSort={{ id: "startedAt", desc: true }}
      filters={filters}
      exportPath="/api/export/sync-runs"
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
