"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentUser, requestIp, requireActionRole } from "@/app/_server/auth";
import { runAction } from "@/app/_server/run-action";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import {
  accountStatusChangeSchema,
  activateStaffUser,
  type DeactivationResult,
  deactivateStaffUser,
} from "@/lib/auth/deactivation";
import {
  createStaffUser,
  newStaffUserSchema,
  roleChangeSchema,
  setStaffRole,
} from "@/lib/auth/users";
import { type ActionResult, AppError, toActionError } from "@/lib/errors";
import { logger } from "@/lib/log";

/** Refusals are audited too: an admin should see who tried to change users. */
async function auditRefusal(action: string, input: unknown, error: unknown) {
  if (!(error instanceof AppError) || error.code !== "forbidden") return;
  await recordAudit(await getDb(), {
    actor: await currentUser(),
    action,
    input,
    outcome: "denied",
    result: { message: error.message },
    ip: await requestIp(),
  });
}

function fieldErrors(error: unknown): ActionResult<never> | undefined {
  if (error instanceof z.ZodError) {
    const message = error.issues
      .map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`)
      .join("; ");
    return toActionError(new AppError("bad_request", message));
  }
  return undefined;
}

export async function changeUserRoleAction(
  _previous: ActionResult<{ from: string; to: string }> | null,
  form: FormData,
): Promise<ActionResult<{ from: string; to: string }>> {
  const raw = { userId: form.get("userId"), role: form.get("role") };
  try {
    const actor = await requireActionRole("admin");
    const input = roleChangeSchema.parse(raw);
    const change = await setStaffRole(await getDb(), input, { actor, ip: await requestIp() });
    revalidatePath("/users");
    return { ok: true, data: change };
  } catch (error) {
    await auditRefusal("user.role_changed", raw, error).catch((auditError: unknown) =>
      logger.error({ err: auditError }, "could not audit a refused role change"),
    );
    if (!(error instanceof AppError) && !fieldErrors(error)) {
      logger.error({ err: error }, "changing a role failed");
    }
    return fieldErrors(error) ?? toActionError(error);
  }
}

export async function createUserAction(
  _previous: ActionResult<{ email: string }> | null,
  form: FormData,
): Promise<ActionResult<{ email: string }>> {
  const raw = {
    email: form.get("email"),
    name: form.get("name") || undefined,
    role: form.get("role"),
    password: form.get("password"),
  };
  try {
    const actor = await requireActionRole("admin");
    const input = newStaffUserSchema.parse(raw);
    const user = await createStaffUser(await getDb(), input, { actor, ip: await requestIp() });
    revalidatePath("/users");
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    await auditRefusal("user.created", raw, error).catch((auditError: unknown) =>
      logger.error({ err: auditError }, "could not audit a refused user creation"),
    );
    if (!(error instanceof AppError) && !fieldErrors(error)) {
      logger.error({ err: error }, "creating a user failed");
    }
    return fieldErrors(error) ?? toActionError(error);
  }
}

/**
 * Admin: deactivates an account and ends its sessions. Refusals (role, self, last active admin)
 * are audited by runAction; the success by deactivateStaffUser, in its transaction.
 */
export async function deactivateUserAction(input: {
  userId: string;
}): Promise<ActionResult<DeactivationResult>> {
  const result = await runAction(
    {
      action: "user.deactivated",
      role: "admin",
      schema: accountStatusChangeSchema,
      target: ({ userId }) => `user:${userId}`,
      run: async ({ userId }, { actor, ip }) =>
        deactivateStaffUser(await getDb(), { userId }, { actor, ip }),
    },
    input,
  );
  if (result.ok) revalidatePath("/users");
  return result;
}

/** Admin: lets a deactivated account sign in again. */
export async function activateUserAction(input: {
  userId: string;
}): Promise<ActionResult<{ email: string }>> {
  const result = await runAction(
    {
      action: "user.activated",
      role: "admin",
      schema: accountStatusChangeSchema,
      target: ({ userId }) => `user:${userId}`,
      run: async ({ userId }, { actor, ip }) =>
        activateStaffUser(await getDb(), { userId }, { actor, ip }),
    },
    input,
  );
  if (result.ok) revalidatePath("/users");
  return result;
}
