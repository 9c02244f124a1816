// The database's view of the status vocabularies: they live in lib/domain (shared by every
// module); the schema's CHECK constraints render them with sqlList.
// Relative: drizzle-kit loads the schema without the "@/" path alias.
export * from "../../lib/domain/enums";

/** How an audited action ended. */
export const auditOutcomes = ["succeeded", "failed", "denied"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** SQL list literal for a CHECK constraint, from one of the vocabularies above. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
}
