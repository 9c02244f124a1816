import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { auditOutcomes, sqlList } from "./enums";

export { type AuditOutcome, auditOutcomes } from "./enums";

/** Append-only: who did what, when, with which input and result. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for anonymous events (a failed sign-in) or once the user is deleted. */
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept as text so the entry still says who it was after the account is gone. */
    actorEmail: text("actor_email"),
    /** Dotted verb, e.g. `auth.sign_in_failed`, `user.role_changed`, `sync.triggered`. */
    action: text("action").notNull(),
    /** What the action was applied to, e.g. `user:abc`, `order:42`, `marketplace:bm-fr`. */
    target: text("target"),
    /** The action's input with secrets replaced by "[redacted]". */
    input: jsonb("input").$type<unknown>(),
    outcome: text("outcome", { enum: auditOutcomes }).notNull(),
    /** A short result: counts, the new value, or the error message. */
    result: jsonb("result").$type<unknown>(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_action_created_idx").on(t.action, t.createdAt),
    index("audit_log_actor_email_created_idx").on(t.actorEmail, t.createdAt),
    check("audit_log_outcome_check", sql`${t.outcome} in (${sql.raw(sqlList(auditOutcomes))})`),
  ],
);
