// "Resync this order": one order re-read from its marketplace (with its shipping documents when
// they are missing), upserted like any sync would (locks follow the item statuses), then the
// push outbox drained so the other marketplaces see the new publishable quantities.
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { marketplaces, orders } from "@/db/schema";
import type { EventBus } from "@/lib/domain/events";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { drainPushOutbox, type PushSummary } from "@/lib/push/drain";
import { fetchOrderWithDocuments } from "./sync-incomplete";
import { type UpsertOrderResult, upsertOrder } from "./upsert-order";

export interface ResyncOrderResult
  extends Pick<
    UpsertOrderResult,
    | "orderId"
    | "status"
    | "previousStatus"
    | "events"
    | "locksCreated"
    | "locksConsumed"
    | "locksCancelled"
  > {
  externalId: string;
  marketplace: string;
  /** `updated` when anything stored about the order changed. */
  outcome: "updated" | "unchanged";
  push: PushSummary;
}

export async function resyncOrder(
  db: Database,
  orderId: number,
  options: { bus: EventBus<Transaction>; adapterOptions?: AdapterOptions; signal?: AbortSignal },
): Promise<ResyncOrderResult> {
  const [row] = await db
    .select({ externalId: orders.externalId, marketplace: marketplaces })
    .from(orders)
    .innerJoin(marketplaces, eq(marketplaces.id, orders.marketplaceId))
    .where(eq(orders.id, orderId));
  if (!row) throw new AppError("not_found", `order ${orderId} does not exist`);
  const { externalId, marketplace } = row;
  if (!marketplace.active) {
    throw new AppError(
      "conflict",
      `Marketplace ${marketplace.code} is inactive: an admin must activate it before its orders are resynced.`,
    );
  }
  const log = logger.child({ marketplace: marketplace.code, orderId: externalId, phase: "resync" });

  const adapter = createAdapter(marketplace, { logger: log, ...options.adapterOptions });
  const fetched = await fetchOrderWithDocuments(adapter, externalId, options.signal);
  if (!fetched) {
    throw new AppError("not_found", `${marketplace.code} no longer knows order ${externalId}`);
  }
  if (!fetched.ok) {
    const { path, message } = fetched.failure;
    throw new AppError(
      "bad_request",
      `${marketplace.code} sent order ${externalId} in a shape that does not validate (${path}): ${message}`,
    );
  }

  const result = await db.transaction((tx) => upsertOrder(tx, fetched.order, { bus: options.bus }));
  // After commit: pushes talk to marketplaces and must never hold the transaction open.
  const push = await drainPushOutbox(db, options);
  log.info(
    { changed: result.changed, status: result.status, locksCreated: result.locksCreated },
    "order resynced",
  );
  return {
    orderId: result.orderId,
    externalId,
    marketplace: marketplace.code,
    outcome: result.changed ? "updated" : "unchanged",
    status: result.status,
    previousStatus: result.previousStatus,
    events: result.events,
    locksCreated: result.locksCreated,
    locksConsumed: result.locksConsumed,
    locksCancelled: result.locksCancelled,
    push,
  };
}
