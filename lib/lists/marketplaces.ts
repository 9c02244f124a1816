import { providers } from "@/db/schema/enums";
import type { MarketplaceRow } from "@/lib/queries/marketplace-list";
import { defineList } from "./define";
import { optionsOf } from "./options";
import { listOf, oneOf, textValue } from "./parsers";

/** `/marketplaces`. */
export const marketplaceList = defineList<MarketplaceRow>()({
  label: "Marketplaces",
  columns: {
    code: { header: "Code", sortable: true },
    name: { header: "Name", sortable: true },
    provider: { header: "Provider", sortable: true },
    country: { header: "Market" },
    active: { header: "Active" },
    token: { header: "Token" },
    acceptPolicy: { header: "Accept" },
    listings: { header: "Listings" },
    openOrders: { header: "Open orders" },
    lastRunAt: { header: "Last sync", sortable: true },
  },
  filters: {
    q: { kind: "search", label: "Search code or name", parser: textValue(100) },
    provider: {
      kind: "multi",
      label: "Provider",
      parser: listOf(oneOf(providers)),
      options: optionsOf(providers),
    },
    active: {
      kind: "select",
      label: "Active",
      parser: oneOf(["yes", "no"]),
      options: [
        { value: "yes", label: "Active" },
        { value: "no", label: "Inactive" },
      ],
    },
  },
  defaultSort: { id: "code", desc: false },
});
