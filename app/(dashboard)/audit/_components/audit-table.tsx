"use client";

import { DataTable, type ListCells } from "@/components/data-table/data-table";
import type { TableResult } from "@/components/data-table/types";
import type { AuditRow } from "@/lib/audit/query";
import { auditList, compactJson } from "@/lib/lists/audit";

const json = (value: unknown) => (
  <span className="block max-w-xs font-mono text-xs break-all">{compactJson(value)}</span>
);

const cells: ListCells<typeof auditList> = {
  createdAt: (row) => (
    <time className="whitespace-nowrap" dateTime={row.createdAt.toISOString()}>
      {row.createdAt.toISOString().replace("T", " ").slice(0, 19)}
    </time>
  ),
  actor: (row) => row.actorEmail ?? "system",
  action: (row) => <span className="font-mono">{row.action}</span>,
  target: (row) => <span className="font-mono">{row.target}</span>,
  outcome: (row) => row.outcome,
  input: (row) => json(row.input),
  result: (row) => json(row.result),
  ip: (row) => <span className="font-mono text-xs">{row.ip}</span>,
};

export function AuditTable({
  promise,
}: {
  promise: Promise<TableResult<{ rows: AuditRow[]; total: number }>>;
}) {
  return (
    <DataTable
      list={auditList}
      promise={promise}
      cells={cells}
      getRowId={(row) => String(row.id)}
      emptyMessage="No entries match."
      caption={(page) => (
        <span aria-live="polite">
          {page.total.toLocaleString("en")} {page.total === 1 ? "entry" : "entries"}
        </span>
      )}
    />
  );
}
