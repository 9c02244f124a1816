// The shape of every dashboard server action: authenticate → authorise the role → zod-parse
// → call lib/ → a typed result. Refusals and failures are audited here; a success is audited
// by the lib call in the transaction that made the change (or here, when `auditSuccess`).
import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { type ActionResult, AppError, toActionError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { currentUser, requestIp, requireActionRole, type StaffUser } from "./auth";

export interface ActionContext {
  actor: StaffUser;
  ip: string | null;
}

export interface ActionSpec<Schema extends z.ZodType, T> {
  /** Audit verb, e.g. `lock.released`. */
  action: string;
  role: Role;
  schema: Schema;
  target?: (input: z.output<Schema>) => string;
  run: (input: z.output<Schema>, context: ActionContext) => Promise<T>;
  /** Record the success here (for lib calls that do not audit themselves). */
  auditSuccess?: (result: T) => unknown;
}

export async function runAction<Schema extends z.ZodType, T>(
  spec: ActionSpec<Schema, T>,
  raw: unknown,
): Promise<ActionResult<T>> {
  let input: z.output<Schema> | undefined;
  try {
    const actor = await requireActionRole(spec.role);
    input = spec.schema.parse(raw);
    const ip = await requestIp();
    const result = await spec.run(input as z.output<Schema>, { actor, ip });
    if (spec.auditSuccess) {
      await recordAudit(await getDb(), {
        actor,
        action: spec.action,
        target: spec.target?.(input as z.output<Schema>) ?? null,
        input,
        outcome: "succeeded",
        result: spec.auditSuccess(result),
        ip,
      });
    }
    return { ok: true, data: result };
  } catch (error) {
    const failure =
      error instanceof z.ZodError
        ? new AppError(
            "bad_request",
            error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "),
          )
        : error;
    if (!(failure instanceof AppError)) {
      logger.error({ err: error, action: spec.action }, "server action failed");
    }
    await auditFailure(spec, raw, input, failure).catch((auditError: unknown) =>
      logger.error({ err: auditError, action: spec.action }, "could not audit an action failure"),
    );
    return toActionError(failure);
  }
}

async function auditFailure<Schema extends z.ZodType, T>(
  spec: ActionSpec<Schema, T>,
  raw: unknown,
  input: z.output<Schema> | undefined,
  error: unknown,
): Promise<void> {
  // Nobody signed in: nothing to attribute (the proxy and sign-in audit that side).
  if (error instanceof AppError && error.code === "unauthorized") return;
  const denied = error instanceof AppError && error.code === "forbidden";
  await recordAudit(await getDb(), {
    actor: await currentUser(),
    action: spec.action,
    target: input && spec.target ? spec.target(input) : null,
    input: input ?? raw,
    outcome: denied ? "denied" : "failed",
    result: { message: error instanceof Error ? error.message : String(error) },
    ip: await requestIp(),
  });
}
