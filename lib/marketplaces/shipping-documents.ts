// Which shipping documents each marketplace provides: the one answer the adapters'
// capabilities, the `incomplete` sync and the /orders "Missing documents" filter share.
import type { Provider } from "@/lib/domain/enums";
import type { ProviderName } from "./adapter";

export interface ShippingDocumentKinds {
  labels: boolean;
  deliveryNotes: boolean;
}

export const shippingDocuments = {
  backmarket: { labels: true, deliveryNotes: true },
  // Refurbed issues shipping labels; it has no delivery note at all.
  refurbed: { labels: true, deliveryNotes: false },
  // The seller's own shop ships its own parcels: Shopify hands out neither.
  shopify: { labels: false, deliveryNotes: false },
} as const satisfies Record<ProviderName, ShippingDocumentKinds>;

/** The wire format a marketplaces row's provider speaks (the simulator serves Back Market's). */
export function adapterProviderOf(provider: Provider): ProviderName {
  return provider === "simulator" ? "backmarket" : provider;
}
