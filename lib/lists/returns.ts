import { returnSourceNames, returnSources, returnStatuses } from "@/lib/domain/returns";
import type { ReturnRow } from "@/lib/queries/returns";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { dayValue, idValue, listOf, oneOf, textValue } from "./parsers";

/** `/returns`: without a status filter it shows the returns that wait for staff. */
export const returnList = defineList<ReturnRow>()({
  label: "Returns",
  export: { name: "returns", role: "viewer" },
  columns: {
    id: { header: "Return", sortable: true, csv: [{ header: "return_id", field: "id" }] },
    order: {
      header: "Order",
      csv: [
        { header: "order_id", field: "orderId" },
        { header: "order_external_id", field: "orderExternalId" },
        { header: "line_external_id", field: "lineExternalId" },
      ],
    },
    marketplace: {
      header: "Marketplace",
      csv: [{ header: "marketplace", field: "marketplaceCode" }],
    },
    variation: {
      header: "Sold as",
      csv: [
        { header: "sku", field: "sku" },
        { header: "variation_id", field: "variationId" },
      ],
    },
    quantity: { header: "Qty", sortable: true, csv: [{ header: "quantity", field: "quantity" }] },
    status: { header: "Status", csv: [{ header: "status", field: "status" }] },
    source: {
      header: "Signal",
      csv: [
        { header: "source", field: "source" },
        { header: "external_id", field: "externalId" },
        { header: "note", field: "note" },
      ],
    },
    createdAt: {
      header: "Expected since",
      sortable: true,
      csv: [{ header: "created_at", field: "createdAt" }],
    },
    receivedAt: {
      header: "Received",
      sortable: true,
      csv: [
        { header: "received_at", field: "receivedAt" },
        { header: "received_by", field: "receivedBy" },
      ],
    },
    resolvedAt: {
      header: "Outcome",
      sortable: true,
      csv: [
        { header: "resolved_at", field: "resolvedAt" },
        { header: "resolved_by", field: "resolvedBy" },
        { header: "restocked_sku", field: "restockedSku" },
        { header: "write_off_reason", field: "writeOffReason" },
      ],
    },
    actions: { header: "Actions" },
  },
  filters: {
    q: { kind: "search", label: "Search order id, SKU or signal id", parser: textValue(100) },
    status: {
      kind: "multi",
      label: "Status",
      parser: listOf(oneOf(returnStatuses)),
      options: optionsOf(returnStatuses, (status) => status.replace("_", " ")),
    },
    marketplace: {
      kind: "multi",
      label: "Marketplace",
      parser: listOf(idValue),
      options: "dynamic",
    },
    source: {
      kind: "multi",
      label: "Signal",
      parser: listOf(oneOf(returnSources)),
      options: optionsOf(returnSources, (source) => returnSourceNames[source]),
    },
    from: { kind: "date", label: "From", parser: dayValue },
    to: { kind: "date", label: "To", parser: dayValue },
  },
  defaultSort: { id: "createdAt", desc: true },
});
