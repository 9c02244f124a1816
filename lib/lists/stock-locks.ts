import { lockFlagNames, lockFlags, lockStatuses } from "@/lib/domain/enums";
import type { LockRow } from "@/lib/queries/stock-locks";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { dayValue, idValue, integerIn, listOf, oneOf, switchOn, textValue } from "./parsers";

/** `/v2/stock-locks`. */
export const lockList = defineList<LockRow>()({
  label: "Stock locks",
  export: { name: "stock-locks", role: "viewer" },
  columns: {
    id: { header: "Lock", sortable: true, csv: [{ header: "lock_id", field: "id" }] },
    order: {
      header: "Order",
      csv: [
        { header: "order_id", field: "orderId" },
        { header: "order_external_id", field: "orderExternalId" },
      ],
    },
    marketplace: {
      header: "Marketplace",
      csv: [{ header: "marketplace", field: "marketplaceCode" }],
    },
    variation: {
      header: "Variation",
      csv: [
        { header: "variation_id", field: "variationId" },
        { header: "sku", field: "sku" },
      ],
    },
    quantity: { header: "Qty", sortable: true, csv: [{ header: "quantity", field: "quantity" }] },
    status: { header: "Status", csv: [{ header: "status", field: "status" }] },
    createdAt: {
      header: "Locked",
      sortable: true,
      csv: [{ header: "created_at", field: "createdAt" }],
    },
    consumedAt: {
      header: "Consumed",
      sortable: true,
      csv: [{ header: "consumed_at", field: "consumedAt" }],
    },
    releasedAt: {
      header: "Released",
      sortable: true,
      csv: [
        { header: "released_at", field: "releasedAt" },
        { header: "release_reason", field: "releaseReason" },
      ],
    },
    flag: { header: "Attention", csv: [{ header: "flag", field: "flag" }] },
  },
  filters: {
    q: { kind: "search", label: "Search order id, SKU or name", parser: textValue(100) },
    marketplace: {
      kind: "multi",
      label: "Marketplace",
      parser: listOf(idValue),
      options: "dynamic",
    },
    status: {
      kind: "multi",
      label: "Status",
      parser: listOf(oneOf(lockStatuses)),
      options: optionsOf(lockStatuses),
    },
    /** Locks staff must look at: a vanished line, a shipment after a release. */
    flag: {
      kind: "multi",
      label: "Attention",
      parser: listOf(oneOf(lockFlags)),
      options: optionsOf(lockFlags, (flag) => lockFlagNames[flag]),
    },
    variation: { kind: "text", label: "Variation id", parser: idValue, placeholder: "id" },
    /** An order's internal id or its marketplace (external) id. */
    order: {
      kind: "text",
      label: "Order",
      parser: textValue(64),
      placeholder: "id or marketplace id",
    },
    from: { kind: "date", label: "From", parser: dayValue },
    to: { kind: "date", label: "To", parser: dayValue },
    /** Only active locks older than `staleDays`. */
    stale: { kind: "toggle", label: "Stale only", parser: switchOn },
  },
  /** Days after which an active lock counts as stale (default: STALE_LOCK_DAYS). */
  params: { staleDays: integerIn(1, 365) },
  defaultSort: { id: "createdAt", desc: true },
});
