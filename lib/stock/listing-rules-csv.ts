// Parses a listing-rules CSV (`marketplace,sku,buffer,max_quantity,share_percent,
// zero_at_or_below`, a header line first) and finds each line's listing. Every line sets all
// four rules of its listing: an empty cap, share or zero-at (or `none`) switches that rule
// off, an empty buffer is 0. Every bad line is reported with its number, and a file with any
// bad line yields nothing (like the variations import).
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, queryRows } from "@/db/client";
import { type CsvProblem, readCsv } from "@/lib/csv/read";
import type { ListingRules } from "@/lib/domain/publishable";
import { MAX_RULE_QUANTITY } from "@/lib/validations/listing-rules";
import type { ListingRulesRow } from "./listing-rules";

export const LISTING_RULES_CSV_COLUMNS = [
  "marketplace",
  "sku",
  "buffer",
  "max_quantity",
  "share_percent",
  "zero_at_or_below",
] as const;

/** A parsed line, its listing not looked up yet. */
export interface ListingRulesLine extends ListingRules {
  line: number;
  /** The marketplace's id (digits) or code. */
  marketplace: string;
  sku: string;
}

export type Parsed<T> = { ok: true; rows: T[] } | { ok: false; problems: CsvProblem[] };

/** A whole number 0…max written as text. */
export const wholeNumberText = (max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number ≥ 0`)
    .transform(Number)
    .pipe(z.number().max(max, `${what} is at most ${max.toLocaleString("en")}`));

/** One of the `off` words → null (the rule is off), anything else through `schema`. */
export function offOr<T>(schema: z.ZodType<T, string>, off: readonly string[]) {
  return z.string().transform((value, ctx): T | null => {
    if (off.includes(value.toLowerCase())) return null;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });
}

const wholeNumber = wholeNumberText;
const optional = <T>(schema: z.ZodType<T, string>) => offOr(schema, ["", "none"]);

const lineSchema = z.object({
  marketplace: z
    .string()
    .min(1, "marketplace is empty")
    .regex(/^[a-z0-9][a-z0-9-]*$/i, "marketplace must be an id or a code such as bm-fr"),
  sku: z.string().min(1, "sku is empty").max(200),
  buffer: z.union([z.literal("").transform(() => 0), wholeNumber(MAX_RULE_QUANTITY, "buffer")]),
  max_quantity: optional(wholeNumber(MAX_RULE_QUANTITY, "max_quantity")),
  share_percent: optional(
    wholeNumber(100, "share_percent").pipe(z.number().min(1, "share_percent is at least 1")),
  ),
  zero_at_or_below: optional(wholeNumber(MAX_RULE_QUANTITY, "zero_at_or_below")),
});

export function parseListingRulesCsv(text: string): Parsed<ListingRulesLine> {
  const read = readCsv(text, LISTING_RULES_CSV_COLUMNS);
  if (!read.ok) return read;

  const problems: CsvProblem[] = [];
  const rows: ListingRulesLine[] = [];
  const lineByKey = new Map<string, number>();
  for (const { line, record } of read.records) {
    const parsed = lineSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, message: `${issue.path.join(".") || "row"}: ${issue.message}` });
      }
      continue;
    }
    const row = parsed.data;
    const key = `${row.marketplace.toLowerCase()}\u0000${row.sku}`;
    const earlier = lineByKey.get(key);
    if (earlier !== undefined) {
      problems.push({ line, message: `${row.marketplace} ${row.sku} already on line ${earlier}` });
      continue;
    }
    lineByKey.set(key, line);
    rows.push({
      line,
      marketplace: row.marketplace,
      sku: row.sku,
      buffer: row.buffer,
      maxQuantity: row.max_quantity,
      sharePercent: row.share_percent,
      zeroAtOrBelow: row.zero_at_or_below,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ line: 0, message: "no rows" }] };
  return { ok: true, rows };
}

/** A (marketplace, SKU) a person named, with where they named it (a CSV line; 0: the flags). */
export interface ListingRef {
  line: number;
  marketplace: string;
  sku: string;
}

/**
 * Finds the listing (marketplace_stock row) of each reference in one query. Unknown
 * marketplaces, unknown SKUs and SKUs the marketplace does not list are problems of their line.
 */
export async function resolveListings<R extends ListingRef>(
  executor: Executor,
  refs: readonly R[],
): Promise<Parsed<R & { listingId: number }>> {
  const found = await queryRows<{
    position: number;
    marketplace_id: number | null;
    variation_id: number | null;
    listing_id: number | null;
  }>(
    executor,
    sql`select r.position, m.id as marketplace_id, v.id as variation_id, ms.id as listing_id
        from json_to_recordset(${JSON.stringify(refs.map((ref, position) => ({ position, marketplace: ref.marketplace, sku: ref.sku })))}::json)
          as r(position int, marketplace text, sku text)
        left join marketplaces m on (case when r.marketplace ~ '^[0-9]{1,9}$'
          then m.id = r.marketplace::int else m.code = lower(r.marketplace) end)
        left join variations v on v.sku = r.sku
        left join marketplace_stock ms on ms.marketplace_id = m.id and ms.variation_id = v.id
        order by r.position`,
  );
  const problems: CsvProblem[] = [];
  const rows: (R & { listingId: number })[] = [];
  const lineByListing = new Map<number, number>();
  for (const row of found) {
    const ref = refs[row.position] as R;
    if (row.marketplace_id === null) {
      problems.push({
        line: ref.line,
        message: `no marketplace with id or code "${ref.marketplace}"`,
      });
    } else if (row.variation_id === null) {
      problems.push({ line: ref.line, message: `no variation with sku "${ref.sku}"` });
    } else if (row.listing_id === null) {
      problems.push({
        line: ref.line,
        message: `${ref.marketplace} does not list ${ref.sku} (a stock sync records its listings)`,
      });
    } else if (lineByListing.has(row.listing_id)) {
      const earlier = lineByListing.get(row.listing_id);
      problems.push({ line: ref.line, message: `the same listing as line ${earlier}` });
    } else {
      lineByListing.set(row.listing_id, ref.line);
      rows.push({ ...ref, listingId: row.listing_id });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** The rows importListingRules takes. */
export function toRulesRows(
  rows: readonly (ListingRulesLine & { listingId: number })[],
): ListingRulesRow[] {
  return rows.map((row) => ({
    listingId: row.listingId,
    buffer: row.buffer,
    maxQuantity: row.maxQuantity,
    sharePercent: row.sharePercent,
    zeroAtOrBelow: row.zeroAtOrBelow,
  }));
}
