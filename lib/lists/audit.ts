import { auditOutcomes } from "@/db/schema/enums";
import type { AuditRow } from "@/lib/audit/query";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { oneOf, textValue } from "./parsers";

/** JSON of an audit entry's input or result, on one line. */
export function compactJson(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

/** `/audit` (admins): who did what, when, with which input and result. */
export const auditList = defineList<AuditRow>()({
  label: "Audit log",
  export: { name: "audit", role: "admin" },
  columns: {
    createdAt: {
      header: "When",
      sortable: true,
      csv: [{ header: "created_at", field: "createdAt" }],
    },
    actor: { header: "Who", sortable: true, csv: [{ header: "actor_email", field: "actorEmail" }] },
    action: { header: "Action", sortable: true, csv: [{ header: "action", field: "action" }] },
    target: { header: "Target", csv: [{ header: "target", field: "target" }] },
    outcome: { header: "Outcome", csv: [{ header: "outcome", field: "outcome" }] },
    input: {
      header: "Input",
      csv: [{ header: "input", value: (row: AuditRow) => compactJson(row.input) }],
    },
    result: {
      header: "Result",
      csv: [{ header: "result", value: (row: AuditRow) => compactJson(row.result) }],
    },
    ip: { header: "IP", csv: [{ header: "ip", field: "ip" }] },
  },
  filters: {
    action: {
      kind: "text",
      label: "Action starts with",
      parser: textValue(100),
      placeholder: "e.g. auth.",
    },
    actor: { kind: "text", label: "Who (email contains)", parser: textValue(200) },
    outcome: {
      kind: "select",
      label: "Outcome",
      parser: oneOf(auditOutcomes),
      options: optionsOf(auditOutcomes),
    },
  },
  defaultSort: { id: "createdAt", desc: true },
});
