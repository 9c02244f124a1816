// Deactivated accounts, as better-auth sees them: no new session at sign-in, and an existing
// session (one that raced a deactivation) grants nothing.
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";

/** True when the user row read with a session is deactivated. */
export function isDeactivated(user: { deactivatedAt?: Date | string | null }): boolean {
  return user.deactivatedAt !== null && user.deactivatedAt !== undefined;
}

/**
 * better-auth `databaseHooks`: runs after the password was verified, before the session row is
 * written. A deactivated account gets the same answer as a wrong password, so the response
 * tells nobody (not even a holder of a leaked password) that the account exists; admins see
 * the reason in the audit log.
 */
export function refuseDeactivatedSessions(db: Database) {
  return {
    session: {
      create: {
        async before(session: { userId: string }) {
          const [user] = await db
            .select({ email: users.email, deactivatedAt: users.deactivatedAt })
            .from(users)
            .where(eq(users.id, session.userId));
          if (!user || !isDeactivated(user)) return;
          await recordAudit(db, {
            actor: { id: session.userId, email: user.email },
            action: "auth.sign_in_refused",
            target: `user:${session.userId}`,
            outcome: "denied",
            result: { reason: "account deactivated" },
          });
          // better-auth's own wrong-password error, word for word (a test compares the two).
          throw APIError.from("UNAUTHORIZED", {
            code: "INVALID_EMAIL_OR_PASSWORD",
            message: "Invalid email or password",
          });
        },
      },
    },
  };
}
