// "Incomplete order", its one definition: an order that is paid and not cancelled or refunded,
// and still lacks a shipping document that its marketplace provides
// (lib/marketplaces/shipping-documents.ts). A Refurbed order never gets a delivery note, so
// one with its label is complete. The `incomplete` sync re-fetches these orders; /orders
// lists them under "Missing documents".
import { and, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { marketplaces, orders } from "@/db/schema";
import { type OrderStatus, providers } from "@/db/schema/enums";
import { alias, source } from "@/db/sql-names";
import {
  adapterProviderOf,
  type ShippingDocumentKinds,
  shippingDocuments,
} from "@/lib/marketplaces/shipping-documents";

/** Statuses of an order whose documents exist or are due: paid, not cancelled or refunded. */
export const documentedOrderStatuses = [
  "new",
  "accepted",
  "shipped",
  "partial",
] as const satisfies readonly OrderStatus[];

/** The condition on `orders` (an uncorrelated subquery picks the marketplaces by provider). */
export function incompleteOrderCondition(): SQL {
  const lacking = [
    lacksDocument(orders.labelUrl, "labels"),
    lacksDocument(orders.deliveryNoteUrl, "deliveryNotes"),
  ];
  return and(
    inArray(orders.status, [...documentedOrderStatuses]),
    or(...lacking) ?? sql`false`,
  ) as SQL;
}

function lacksDocument(column: PgColumn, kind: keyof ShippingDocumentKinds): SQL | undefined {
  const providing = providers.filter(
    (provider) => shippingDocuments[adapterProviderOf(provider)][kind],
  );
  if (providing.length === 0) return undefined;
  const m = alias(marketplaces, "providing_marketplaces");
  return sql`(${column} is null and ${orders.marketplaceId} in
    (select ${m.id} from ${source(m)} where ${inArray(m.provider, providing)}))`;
}
