// A new listing (marketplace_stock row) starts with its marketplace's default allocation
// rules, whoever creates it (the stock sync that finds it, the first lock on it). This is the
// one place that says which default fills which column.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { marketplaceStock } from "./schema";
import { bare } from "./sql-names";

type DefaultColumns = Record<
  "defaultBuffer" | "defaultMaxQuantity" | "defaultSharePercent" | "defaultZeroAtOrBelow",
  SQLWrapper
>;

/** `buffer, max_quantity, share_percent, zero_at_or_below`: for an INSERT column list. */
export const listingRuleColumnsList: SQL = sql.join(
  [
    bare(marketplaceStock.buffer),
    bare(marketplaceStock.maxQuantity),
    bare(marketplaceStock.sharePercent),
    bare(marketplaceStock.zeroAtOrBelow),
  ],
  sql`, `,
);

/** The marketplace's defaults, in listingRuleColumnsList's order, from (an alias of) marketplaces. */
export function marketplaceDefaultRules(m: DefaultColumns): SQL {
  return sql`${m.defaultBuffer}, ${m.defaultMaxQuantity}, ${m.defaultSharePercent}, ${m.defaultZeroAtOrBelow}`;
}
