import "server-only";
import type { z } from "zod";
import type { Executor } from "@/db/client";
import type { CsvColumn } from "@/lib/csv/encode";
import { env } from "@/lib/env";
import { iterateListing, type ListingRow } from "@/lib/queries/listing";
import { iterateOrders, type OrderRow } from "@/lib/queries/orders";
import { iterateLocks, type LockRow } from "@/lib/queries/stock-locks";
import { iterateSyncRuns, type SyncRunRow } from "@/lib/queries/sync-runs";
import { listingSearchShape } from "@/lib/validations/listing";
import { orderSearchShape } from "@/lib/validations/orders";
import { lockSearchShape } from "@/lib/validations/stock-locks";
import { syncRunSearchShape } from "@/lib/validations/sync-runs";

interface Exporter<Shape extends z.ZodRawShape, Row> {
  shape: Shape;
  columns: CsvColumn<Row>[];
  rows: (db: Executor, search: z.infer<z.ZodObject<Shape>>) => AsyncIterable<Row[]>;
}

function exporter<Shape extends z.ZodRawShape, Row>(e: Exporter<Shape, Row>) {
  return e as unknown as Exporter<z.ZodRawShape, unknown>;
}

/** The lists that can be exported: the URL's filters and sort, every page. */
export const exporters: Record<string, Exporter<z.ZodRawShape, unknown>> = {
  "stock-locks": exporter({
    shape: lockSearchShape,
    rows: (db, search) => iterateLocks(db, search, search.staleDays ?? env().STALE_LOCK_DAYS),
    columns: [
      { header: "lock_id", value: (r: LockRow) => r.id },
      { header: "order_id", value: (r) => r.orderId },
      { header: "order_external_id", value: (r) => r.orderExternalId },
      { header: "marketplace", value: (r) => r.marketplaceCode },
      { header: "variation_id", value: (r) => r.variationId },
      { header: "sku", value: (r) => r.sku },
      { header: "quantity", value: (r) => r.quantity },
      { header: "status", value: (r) => r.status },
      { header: "created_at", value: (r) => r.createdAt },
      { header: "consumed_at", value: (r) => r.consumedAt },
      { header: "released_at", value: (r) => r.releasedAt },
      { header: "release_reason", value: (r) => r.releaseReason },
      { header: "flag", value: (r) => r.flag },
    ],
  }),
  orders: exporter({
    shape: orderSearchShape,
    rows: iterateOrders,
    columns: [
      { header: "order_id", value: (r: OrderRow) => r.id },
      { header: "external_id", value: (r) => r.externalId },
      { header: "marketplace", value: (r) => r.marketplaceCode },
      { header: "status", value: (r) => r.status },
      { header: "marketplace_state", value: (r) => r.marketplaceState },
      { header: "customer", value: (r) => r.customerName },
      { header: "country", value: (r) => r.shippingCountry },
      { header: "lines", value: (r) => r.items },
      { header: "units", value: (r) => r.units },
      { header: "locked_units", value: (r) => r.lockedUnits },
      { header: "total", value: (r) => r.totalAmount },
      { header: "currency", value: (r) => r.currency },
      { header: "has_label", value: (r) => r.hasLabel },
      { header: "has_delivery_note", value: (r) => r.hasDeliveryNote },
      { header: "ordered_at", value: (r) => r.orderedAt },
      { header: "modified_at", value: (r) => r.modifiedAt },
    ],
  }),
  listing: exporter({
    shape: listingSearchShape,
    rows: iterateListing,
    columns: [
      { header: "marketplace", value: (r: ListingRow) => r.marketplaceCode },
      { header: "variation_id", value: (r) => r.variationId },
      { header: "sku", value: (r) => r.sku },
      { header: "name", value: (r) => r.name },
      { header: "on_hand", value: (r) => r.onHand },
      { header: "locked", value: (r) => r.locked },
      { header: "locked_total", value: (r) => r.lockedTotal },
      { header: "available", value: (r) => r.available },
      { header: "buffer", value: (r) => r.buffer },
      { header: "publishable", value: (r) => r.publishable },
      { header: "listed", value: (r) => r.listed },
      { header: "drift", value: (r) => r.drift },
      { header: "push_pending", value: (r) => r.pendingPush },
      { header: "push_state", value: (r) => r.pushState },
      { header: "push_pending_since", value: (r) => r.pushPendingSince },
      { header: "push_attempts", value: (r) => r.pushAttempts },
      { header: "push_last_error", value: (r) => r.pushLastError },
    ],
  }),
  "sync-runs": exporter({
    shape: syncRunSearchShape,
    rows: iterateSyncRuns,
    columns: [
      { header: "run_id", value: (r: SyncRunRow) => r.id },
      { header: "type", value: (r) => r.type },
      { header: "marketplace", value: (r) => r.marketplaceCode },
      { header: "trigger", value: (r) => r.trigger },
      { header: "status", value: (r) => r.status },
      { header: "fetched", value: (r) => r.fetched },
      { header: "created", value: (r) => r.created },
      { header: "updated", value: (r) => r.updated },
      { header: "locks", value: (r) => r.locks },
      { header: "errors", value: (r) => r.errors },
      { header: "message", value: (r) => r.message },
      { header: "started_at", value: (r) => r.startedAt },
      { header: "duration_ms", value: (r) => r.durationMs },
    ],
  }),
};
