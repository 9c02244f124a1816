"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_server/run-action";
import { getDb } from "@/db/client";
import { marketplaceStockLocks } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type ActionResult, AppError } from "@/lib/errors";
import { requestPush } from "@/lib/jobs/request-sync";
import { logger } from "@/lib/log";
import { type ResyncOrderResult, resyncOrder } from "@/lib/runtime";
import { type ReleaseLockResult, releaseLock } from "@/lib/stock";
import {
  type ReleaseLockActionInput,
  type ResyncOrderActionInput,
  releaseLockActionSchema,
  resyncOrderActionSchema,
} from "@/lib/validations/order-actions";

function revalidateStockViews(orderId: number) {
  revalidatePath(`/orders/${orderId}`);
  revalidatePath("/orders");
  revalidatePath("/v2/listing");
  revalidatePath("/v2/stock-locks");
}

/**
 * Admin: releases one active lock of this order by hand (an order cancelled outside the API).
 * The release and its audit entry commit together.
 */
export async function releaseLockAction(
  raw: ReleaseLockActionInput,
): Promise<ActionResult<ReleaseLockResult>> {
  const result = await runAction(
    {
      action: "lock.released",
      role: "admin",
      schema: releaseLockActionSchema,
      target: (input) => `lock:${input.lockId}`,
      run: async ({ orderId, lockId, reason }, { actor, ip }) => {
        const db = await getDb();
        return db.transaction(async (tx) => {
          // The lock must belong to the order the page showed: a stale or forged pair is refused.
          const [lock] = await tx
            .select({ id: marketplaceStockLocks.id })
            .from(marketplaceStockLocks)
            .where(
              and(eq(marketplaceStockLocks.id, lockId), eq(marketplaceStockLocks.orderId, orderId)),
            );
          if (!lock) throw new AppError("not_found", `order ${orderId} has no lock ${lockId}`);
          const released = await releaseLock(tx, { lockId, reason, actor: actor.email });
          if (!released.released) {
            throw new AppError(
              "conflict",
              `lock ${lockId} is ${released.status} already: only an active lock can be released`,
            );
          }
          await recordAudit(tx, {
            actor,
            action: "lock.released",
            target: `lock:${lockId}`,
            input: { orderId, lockId, reason },
            outcome: "succeeded",
            result: { status: released.status, available: released.available },
            ip,
          });
          return released;
        });
      },
    },
    raw,
  );
  if (result.ok) {
    // After commit: the freed units go out to every marketplace listing the variation.
    await requestPush().catch((error: unknown) =>
      logger.warn({ err: error }, "push after a lock release not started; the next sync drains it"),
    );
    revalidateStockViews(Number(raw.orderId));
  }
  return result;
}

/** Operator: re-reads the order from its marketplace now, then pushes changed quantities. */
export async function resyncOrderAction(
  raw: ResyncOrderActionInput,
): Promise<ActionResult<ResyncOrderResult>> {
  const result = await runAction(
    {
      action: "order.resynced",
      role: "operator",
      schema: resyncOrderActionSchema,
      target: (input) => `order:${input.orderId}`,
      run: async ({ orderId }) => resyncOrder(await getDb(), orderId),
      auditSuccess: (done) => ({
        outcome: done.outcome,
        status: done.status,
        locksCreated: done.locksCreated,
        locksConsumed: done.locksConsumed,
        locksCancelled: done.locksCancelled,
        push: done.push,
      }),
    },
    raw,
  );
  if (result.ok) revalidateStockViews(result.data.orderId);
  return result;
}
