// Deactivating and reactivating staff accounts. A deactivated account keeps its rows (the audit
// log still names it) but cannot sign in, and its sessions end in the same transaction.
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { ChangeContext } from "./users";

export const accountStatusChangeSchema = z.object({ userId: z.string().trim().min(1).max(100) });

export interface DeactivationResult {
  email: string;
  /** Sessions that were signed in and have now ended. */
  sessionsEnded: number;
}

/**
 * Locks every active admin row, then the target's, in a fixed order, so two admins deactivating
 * each other at once cannot both pass the "last active admin" check.
 */
async function lockTarget(tx: Transaction, userId: string) {
  const activeAdmins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.id))
    .for("update");
  const [user] = await tx
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user) throw new AppError("not_found", "No such user.");
  return { user, activeAdmins: activeAdmins.length };
}

/**
 * Deactivates an account and ends every session it has. An admin cannot deactivate themself,
 * and the last active admin stays (nobody could manage users then).
 */
export async function deactivateStaffUser(
  db: Database,
  input: { userId: string },
  context: ChangeContext,
): Promise<DeactivationResult> {
  const { userId } = accountStatusChangeSchema.parse(input);
  if (context.actor?.id === userId) {
    throw new AppError("conflict", "You cannot deactivate your own account.");
  }
  return db.transaction(async (tx) => {
    const { user, activeAdmins } = await lockTarget(tx, userId);
    if (user.deactivatedAt) {
      throw new AppError("conflict", `${user.email} is already deactivated.`);
    }
    if (user.role === "admin" && activeAdmins <= 1) {
      throw new AppError(
        "conflict",
        "This is the only active admin; make someone else admin first.",
      );
    }
    const now = new Date();
    await tx
      .update(users)
      .set({ deactivatedAt: now, deactivatedBy: context.actor?.id ?? null, updatedAt: now })
      .where(eq(users.id, userId));
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ id: sessions.id });
    const result = { email: user.email, sessionsEnded: ended.length };
    await recordAudit(tx, {
      actor: context.actor,
      action: "user.deactivated",
      target: `user:${userId}`,
      input: { userId, via: context.via },
      outcome: "succeeded",
      result,
      ip: context.ip,
    });
    return result;
  });
}

/** Lets a deactivated account sign in again (with its old password). */
export async function activateStaffUser(
  db: Database,
  input: { userId: string },
  context: ChangeContext,
): Promise<{ email: string }> {
  const { userId } = accountStatusChangeSchema.parse(input);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.email, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw new AppError("not_found", "No such user.");
    if (!user.deactivatedAt) throw new AppError("conflict", `${user.email} is already active.`);
    await tx
      .update(users)
      .set({ deactivatedAt: null, deactivatedBy: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actor: context.actor,
      action: "user.activated",
      target: `user:${userId}`,
      input: { userId, via: context.via },
      outcome: "succeeded",
      result: { email: user.email, deactivatedSince: user.deactivatedAt },
      ip: context.ip,
    });
    return { email: user.email };
  });
}
