"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_server/run-action";
import { getDb } from "@/db/client";
import { orderItems } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import { type ActionResult, AppError } from "@/lib/errors";
import { requestPush } from "@/lib/jobs/request-sync";
import { logger } from "@/lib/log";
import {
  performReturnAction,
  type ReturnAction,
  type ReturnActionResult,
  returnAuditActions,
} from "@/lib/stock/returns";
import {
  type CreateReturnActionInput,
  createReturnActionSchema,
  type ReceiveReturnActionInput,
  type RestockReturnActionInput,
  receiveReturnActionSchema,
  restockReturnActionSchema,
  type WriteOffReturnActionInput,
  writeOffReturnActionSchema,
} from "@/lib/validations/return-actions";

function revalidateReturnViews(orderId?: number) {
  revalidatePath("/returns");
  revalidatePath("/v2/listing");
  if (orderId) revalidatePath(`/orders/${orderId}`);
}

/** Runs one return action as the signed-in staff member; the change and its audit commit together. */
function returnAction<Input extends { returnId: number }>(
  role: Role,
  kind: Exclude<ReturnAction["kind"], "create">,
  schema: Parameters<typeof runAction>[0]["schema"],
  toAction: (input: Input) => ReturnAction,
  raw: unknown,
): Promise<ActionResult<ReturnActionResult>> {
  return runAction(
    {
      action: returnAuditActions[kind],
      role,
      schema,
      target: (input) => `return:${(input as Input).returnId}`,
      run: async (input, { actor, ip }) =>
        performReturnAction(
          await getDb(),
          toAction(input as Input),
          { id: actor.id, email: actor.email, name: actor.email },
          { ip },
        ),
    },
    raw,
  );
}

/** Operator: the parcel is here (no stock changes). */
export async function receiveReturnAction(
  raw: ReceiveReturnActionInput,
): Promise<ActionResult<ReturnActionResult>> {
  const result = await returnAction<{ returnId: number }>(
    "operator",
    "receive",
    receiveReturnActionSchema,
    ({ returnId }) => ({ kind: "receive", returnId }),
    raw,
  );
  if (result.ok) revalidateReturnViews();
  return result;
}

/** Admin: the units go back on hand (same SKU or a regrade), then out to every marketplace. */
export async function restockReturnAction(
  raw: RestockReturnActionInput,
): Promise<ActionResult<ReturnActionResult>> {
  const result = await returnAction<{ returnId: number; asSku?: string | null }>(
    "admin",
    "restock",
    restockReturnActionSchema,
    ({ returnId, asSku }) => ({ kind: "restock", returnId, asSku }),
    raw,
  );
  if (result.ok) {
    // After commit: the restocked units are published on every marketplace at once.
    await requestPush().catch((error: unknown) =>
      logger.warn({ err: error }, "push after a restock not started; the next sync drains it"),
    );
    revalidateReturnViews();
  }
  return result;
}

/** Admin: it never came back, or it cannot be sold. */
export async function writeOffReturnAction(
  raw: WriteOffReturnActionInput,
): Promise<ActionResult<ReturnActionResult>> {
  const result = await returnAction<{ returnId: number; reason: string }>(
    "admin",
    "write_off",
    writeOffReturnActionSchema,
    ({ returnId, reason }) => ({ kind: "write_off", returnId, reason }),
    raw,
  );
  if (result.ok) revalidateReturnViews();
  return result;
}

/** Operator: records a return for a shipped line of this order (no stock changes). */
export async function createReturnAction(
  raw: CreateReturnActionInput,
): Promise<ActionResult<ReturnActionResult>> {
  const result = await runAction(
    {
      action: returnAuditActions.create,
      role: "operator",
      schema: createReturnActionSchema,
      target: (input) => `order_item:${input.orderItemId}`,
      run: async ({ orderId, orderItemId, quantity, note }, { actor, ip }) => {
        const db = await getDb();
        // The line must belong to the order the page showed: a stale or forged pair is refused.
        const [item] = await db
          .select({ id: orderItems.id })
          .from(orderItems)
          .where(and(eq(orderItems.id, orderItemId), eq(orderItems.orderId, orderId)));
        if (!item) throw new AppError("not_found", `order ${orderId} has no line ${orderItemId}`);
        return performReturnAction(
          db,
          { kind: "create", orderItemId, quantity, note },
          { id: actor.id, email: actor.email, name: actor.email },
          { ip },
        );
      },
    },
    raw,
  );
  if (result.ok) revalidateReturnViews(Number(raw.orderId));
  return result;
}
