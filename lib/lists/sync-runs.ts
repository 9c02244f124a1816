import { syncStatuses, syncTriggers, syncTypes } from "@/db/schema/enums";
import type { SyncRunRow } from "@/lib/queries/sync-runs";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { dayValue, idValue, listOf, oneOf } from "./parsers";

/** `/sync`: sync runs. */
export const syncRunList = defineList<SyncRunRow>()({
  label: "Sync runs",
  export: { name: "sync-runs", role: "viewer" },
  columns: {
    id: { header: "Run", csv: [{ header: "run_id", field: "id" }] },
    type: { header: "Type", csv: [{ header: "type", field: "type" }] },
    marketplace: {
      header: "Marketplace",
      csv: [{ header: "marketplace", field: "marketplaceCode" }],
    },
    trigger: { header: "Trigger", csv: [{ header: "trigger", field: "trigger" }] },
    status: { header: "Status", csv: [{ header: "status", field: "status" }] },
    fetched: {
      header: "Counts",
      sortable: true,
      csv: [
        { header: "fetched", field: "fetched" },
        { header: "created", field: "created" },
        { header: "updated", field: "updated" },
        { header: "locks", field: "locks" },
        { header: "empty_polls", field: "emptyPolls" },
        { header: "last_polled_at", field: "lastPolledAt" },
      ],
    },
    errors: {
      header: "Errors",
      sortable: true,
      csv: [
        { header: "errors", field: "errors" },
        { header: "message", field: "message" },
      ],
    },
    startedAt: {
      header: "Started",
      sortable: true,
      csv: [{ header: "started_at", field: "startedAt" }],
    },
    durationMs: {
      header: "Duration",
      sortable: true,
      csv: [{ header: "duration_ms", field: "durationMs" }],
    },
  },
  filters: {
    marketplace: {
      kind: "multi",
      label: "Marketplace",
      parser: listOf(idValue),
      options: "dynamic",
    },
    type: {
      kind: "multi",
      label: "Type",
      parser: listOf(oneOf(syncTypes)),
      options: optionsOf(syncTypes),
    },
    status: {
      kind: "multi",
      label: "Status",
      parser: listOf(oneOf(syncStatuses)),
      options: optionsOf(syncStatuses),
    },
    trigger: {
      kind: "multi",
      label: "Trigger",
      parser: listOf(oneOf(syncTriggers)),
      options: optionsOf(syncTriggers),
    },
    from: { kind: "date", label: "From", parser: dayValue },
    to: { kind: "date", label: "To", parser: dayValue },
  },
  defaultSort: { id: "startedAt", desc: true },
});
