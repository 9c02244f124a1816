import { orderStatuses } from "@/db/schema/enums";
import type { OrderRow } from "@/lib/queries/orders";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { dayValue, idValue, listOf, oneOf, switchOn, textValue } from "./parsers";

/** `/orders`. */
export const orderList = defineList<OrderRow>()({
  label: "Orders",
  export: { name: "orders", role: "viewer" },
  columns: {
    id: { sortable: true, csv: [{ header: "order_id", field: "id" }] },
    externalId: { header: "Order", csv: [{ header: "external_id", field: "externalId" }] },
    marketplace: {
      header: "Marketplace",
      csv: [{ header: "marketplace", field: "marketplaceCode" }],
    },
    status: {
      header: "Status",
      csv: [
        { header: "status", field: "status" },
        { header: "marketplace_state", field: "marketplaceState" },
      ],
    },
    customer: { header: "Customer", csv: [{ header: "customer", field: "customerName" }] },
    country: { header: "Country", csv: [{ header: "country", field: "shippingCountry" }] },
    items: {
      header: "Lines",
      csv: [
        { header: "lines", field: "items" },
        { header: "units", field: "units" },
      ],
    },
    locked: { header: "Locked", csv: [{ header: "locked_units", field: "lockedUnits" }] },
    totalAmount: {
      header: "Total",
      sortable: true,
      csv: [
        { header: "total", field: "totalAmount" },
        { header: "currency", field: "currency" },
      ],
    },
    documents: {
      header: "Docs",
      csv: [
        { header: "has_label", field: "hasLabel" },
        { header: "has_delivery_note", field: "hasDeliveryNote" },
      ],
    },
    orderedAt: {
      header: "Ordered",
      sortable: true,
      csv: [{ header: "ordered_at", field: "orderedAt" }],
    },
    modifiedAt: {
      header: "Modified",
      sortable: true,
      csv: [{ header: "modified_at", field: "modifiedAt" }],
    },
  },
  filters: {
    q: { kind: "search", label: "Search order id or customer", parser: textValue(100) },
    marketplace: {
      kind: "multi",
      label: "Marketplace",
      parser: listOf(idValue),
      options: "dynamic",
    },
    status: {
      kind: "multi",
      label: "Status",
      parser: listOf(oneOf(orderStatuses)),
      options: optionsOf(orderStatuses),
    },
    from: { kind: "date", label: "From", parser: dayValue },
    to: { kind: "date", label: "To", parser: dayValue },
    /** Only orders still missing their label or delivery note. */
    incomplete: { kind: "toggle", label: "Missing documents", parser: switchOn },
    /** Only orders with an open line whose SKU maps to no variation (no lock yet). */
    unmapped: { kind: "toggle", label: "Unmapped lines", parser: switchOn },
  },
  defaultSort: { id: "orderedAt", desc: true },
});
