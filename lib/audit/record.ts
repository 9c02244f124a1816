import type { Executor } from "@/db/client";
import { type AuditOutcome, auditLog } from "@/db/schema";
import { redactSecrets } from "./redact";

/** Who acted: a signed-in staff member, or only an email (a failed sign-in), or the system. */
export interface AuditActor {
  id?: string | null;
  email?: string | null;
}

export interface AuditEntry {
  actor: AuditActor | null;
  /** Dotted verb, e.g. `sync.triggered`, `order.resynced`, `lock.released`, `user.created`. */
  action: string;
  /** What it was applied to, e.g. `order:42`, `marketplace:bm-fr`, `user:<id>`. */
  target?: string | null;
  /** The action's input; secret-looking fields are redacted before it is stored. */
  input?: unknown;
  outcome: AuditOutcome;
  /** A short result: counts, the new value, or the error message. */
  result?: unknown;
  ip?: string | null;
}

/**
 * Appends one audit entry. Pass the transaction that made the change so the entry commits
 * (or rolls back) with it; pass the database for refusals and failures.
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    actorUserId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email?.toLowerCase() ?? null,
    action: entry.action,
    target: entry.target ?? null,
    input: redactSecrets(entry.input),
    outcome: entry.outcome,
    result: redactSecrets(entry.result),
    ip: entry.ip ?? null,
  });
}
