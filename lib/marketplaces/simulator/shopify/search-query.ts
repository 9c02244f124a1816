// The subset of Shopify's search syntax the simulated shop understands: `field:value`,
// `field:>=value` (and >, <, <=), quoted values, terms joined by spaces or AND. Enough for
// `updated_at:>='2025-11-03T10:00:00Z'`, `status:open fulfillment_status:unshipped`, `sku:'X'`.
export interface SearchTerm {
  field: string;
  op: "=" | ">" | ">=" | "<" | "<=";
  value: string;
}

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const pattern = /([a-z_]+):(>=|<=|>|<)?(?:'([^']*)'|"([^"]*)"|(\S+))/gi;
  for (const match of query.matchAll(pattern)) {
    const [, field = "", op = "=", single, double, bare] = match;
    terms.push({
      field: field.toLowerCase(),
      op: op as SearchTerm["op"],
      value: single ?? double ?? bare ?? "",
    });
  }
  return terms;
}

export function compareTerm(op: SearchTerm["op"], actual: number, wanted: number): boolean {
  switch (op) {
    case ">":
      return actual > wanted;
    case ">=":
      return actual >= wanted;
    case "<":
      return actual < wanted;
    case "<=":
      return actual <= wanted;
    default:
      return actual === wanted;
  }
}
