// One entry for what staff do to returns, from the dashboard or the CLI: the change and its
// audit entry commit together. The caller starts the push after commit (a restock queues one).
import type { Database, Transaction } from "@/db/client";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import {
  createManualReturn,
  type RestockResult,
  type ReturnChange,
  receiveReturn,
  restockReturn,
  writeOffReturn,
} from "./resolve";

export type ReturnAction =
  | { kind: "receive"; returnId: number }
  | { kind: "restock"; returnId: number; asSku?: string | null }
  | { kind: "write_off"; returnId: number; reason: string }
  | { kind: "create"; orderItemId: number; quantity?: number; note?: string | null };

export type ReturnActionResult =
  | ReturnChange
  | RestockResult
  | (ReturnChange & { quantity: number });

/** Audit verbs, one per action. */
export const returnAuditActions = {
  receive: "return.received",
  restock: "return.restocked",
  write_off: "return.written_off",
  create: "return.created",
} as const satisfies Record<ReturnAction["kind"], string>;

export interface ReturnActor extends AuditActor {
  /** Written on the return and the ledger: who did it. */
  name: string;
}

function targetOf(action: ReturnAction): string {
  return action.kind === "create"
    ? `order_item:${action.orderItemId}`
    : `return:${action.returnId}`;
}

export async function performReturnAction(
  db: Database,
  action: ReturnAction,
  actor: ReturnActor,
  options: { ip?: string | null; auditFailures?: boolean } = {},
): Promise<ReturnActionResult> {
  const audit = {
    actor: { id: actor.id ?? null, email: actor.email ?? null },
    action: returnAuditActions[action.kind],
    target: targetOf(action),
    input: action,
    ip: options.ip ?? null,
  };
  try {
    return await db.transaction(async (tx) => {
      const result = await apply(tx, action, actor.name);
      await recordAudit(tx, { ...audit, outcome: "succeeded", result });
      return result;
    });
  } catch (error) {
    if (options.auditFailures) {
      const message = error instanceof AppError ? error.message : "internal error";
      await recordAudit(db, { ...audit, outcome: "failed", result: { error: message } });
    }
    throw error;
  }
}

function apply(tx: Transaction, action: ReturnAction, by: string): Promise<ReturnActionResult> {
  switch (action.kind) {
    case "receive":
      return receiveReturn(tx, { returnId: action.returnId, actor: by });
    case "restock":
      return restockReturn(tx, { returnId: action.returnId, actor: by, asSku: action.asSku });
    case "write_off":
      return writeOffReturn(tx, { returnId: action.returnId, actor: by, reason: action.reason });
    case "create":
      return createManualReturn(tx, {
        orderItemId: action.orderItemId,
        actor: by,
        quantity: action.quantity,
        note: action.note,
      });
  }
}
