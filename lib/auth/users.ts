// Staff accounts: created and changed by admins (CLI or /users), every change audited in the
// same transaction.
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { type Database, type Executor, pgError } from "@/db/client";
import { accounts, sessions, users } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { hashPassword, passwordSchema } from "./password";
import { type Role, roles } from "./roles";

/** Who asked for the change, for the audit log. */
export interface ChangeContext {
  actor: AuditActor | null;
  ip?: string | null;
  /** Where the change came from when there is no signed-in actor, e.g. "cli". */
  via?: string;
}

export const emailSchema = z.email("must be an email address").trim().toLowerCase().max(320);

export const newStaffUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(roles),
  password: passwordSchema,
});
export type NewStaffUser = z.input<typeof newStaffUserSchema>;

export const roleChangeSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles),
});

export type StaffUserRow = Pick<
  typeof users.$inferSelect,
  "id" | "email" | "name" | "role" | "createdAt" | "deactivatedAt"
>;

const staffColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  deactivatedAt: users.deactivatedAt,
};

export async function listStaffUsers(executor: Executor): Promise<StaffUserRow[]> {
  return executor.select(staffColumns).from(users).orderBy(asc(users.email));
}

export async function findStaffUserByEmail(
  executor: Executor,
  email: string,
): Promise<StaffUserRow | undefined> {
  const [row] = await executor
    .select(staffColumns)
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

/** Creates a staff account that signs in with email + password. */
export async function createStaffUser(
  db: Database,
  input: NewStaffUser,
  context: ChangeContext,
): Promise<StaffUserRow> {
  const data = newStaffUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const id = randomUUID();
      const [user] = await tx
        .insert(users)
        .values({
          id,
          email: data.email,
          name: data.name ?? data.email.split("@")[0] ?? data.email,
          role: data.role,
          // Staff accounts are vouched for by the admin who creates them.
          emailVerified: true,
        })
        .returning(staffColumns);
      await tx.insert(accounts).values({
        id: randomUUID(),
        userId: id,
        accountId: id,
        providerId: "credential",
        password: passwordHash,
      });
      await recordAudit(tx, {
        actor: context.actor,
        action: "user.created",
        target: `user:${id}`,
        input: { ...data, via: context.via },
        outcome: "succeeded",
        result: { id, email: data.email, role: data.role },
        ip: context.ip,
      });
      if (!user) throw new Error("insert returned no row");
      return user;
    });
  } catch (error) {
    if (pgError(error)?.code === "23505") {
      throw new AppError("conflict", `A user with the email ${data.email} already exists.`);
    }
    throw error;
  }
}

/**
 * Changes a user's role. The last active admin cannot be demoted (nobody could manage users
 * then); a deactivated admin does not count.
 */
export async function setStaffRole(
  db: Database,
  input: { userId: string; role: Role },
  context: ChangeContext,
): Promise<{ from: Role; to: Role }> {
  const { userId, role } = roleChangeSchema.parse(input);
  return db.transaction(async (tx) => {
    // Lock every active admin row (fixed order) so two concurrent demotions (or a demotion and
    // a deactivation) cannot both pass the check.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)))
      .orderBy(asc(users.id))
      .for("update");
    const [user] = await tx
      .select({ id: users.id, role: users.role, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw new AppError("not_found", "No such user.");
    const activeAdmin = user.role === "admin" && !user.deactivatedAt;
    if (activeAdmin && role !== "admin" && admins.length <= 1) {
      throw new AppError("conflict", "This is the only admin; make someone else admin first.");
    }
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actor: context.actor,
      action: "user.role_changed",
      target: `user:${userId}`,
      input: { userId, role, via: context.via },
      outcome: "succeeded",
      result: { from: user.role, to: role },
      ip: context.ip,
    });
    return { from: user.role, to: role };
  });
}

/** Replaces a user's password and signs them out everywhere. */
export async function setStaffPassword(
  db: Database,
  input: { userId: string; password: string },
  context: ChangeContext,
): Promise<void> {
  const password = passwordSchema.parse(input.password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(accounts)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(accounts.userId, input.userId), eq(accounts.providerId, "credential")))
      .returning({ id: accounts.id });
    if (updated.length === 0) throw new AppError("not_found", "No such user.");
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await recordAudit(tx, {
      actor: context.actor,
      action: "user.password_reset",
      target: `user:${input.userId}`,
      input: { userId: input.userId, password, via: context.via },
      outcome: "succeeded",
      ip: context.ip,
    });
  });
}

export async function countAdmins(executor: Executor): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  return row?.n ?? 0;
}
