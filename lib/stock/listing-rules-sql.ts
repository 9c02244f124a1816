// The SQL behind listing rule changes: which listings, their new rules (one patch for all, or
// one row each), and per listing the rules and publishable quantity now and after, computed by
// PostgreSQL with the formula's SQL fragment (lib/domain/publishable.ts).
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { jsonRows } from "@/db/json-rows";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { alias, source } from "@/db/sql-names";
import {
  availableSql,
  LISTING_RULE_COLUMNS,
  type ListingRules,
  listingRuleColumns,
  publishableSql,
} from "@/lib/domain/publishable";
import type { ListingRulesPatch } from "@/lib/validations/listing-rules";
import { intArray } from "./variation-locks";

/** Which listings: by id, or every marketplace_stock id a subquery returns (a page's filter). */
export type ListingTarget = { listingIds: number[] } | { idsQuery: SQL };

export const ms = alias(marketplaceStock, "ms");
export const v = alias(variations, "v");
export const m = alias(marketplaces, "m");

const ruleKeys = Object.keys(LISTING_RULE_COLUMNS) as (keyof ListingRules)[];
const columnOf: Record<keyof ListingRules, SQLWrapper> = {
  buffer: ms.buffer,
  maxQuantity: ms.maxQuantity,
  sharePercent: ms.sharePercent,
  zeroAtOrBelow: ms.zeroAtOrBelow,
};

/** The rules after the patch, as SQL: the new value where given, the column otherwise. */
function patchedRules(patch: ListingRulesPatch): ListingRules<SQL> {
  const entries = ruleKeys.map((key) => {
    const value = patch[key];
    return [key, value === undefined ? sql`${columnOf[key]}` : sql`${value}::int`] as const;
  });
  return Object.fromEntries(entries) as unknown as ListingRules<SQL>;
}

function targetCondition(target: ListingTarget): SQL {
  return "listingIds" in target
    ? sql`${ms.id} = any(${intArray(target.listingIds)})`
    : sql`${ms.id} in (${target.idsQuery})`;
}

/**
 * Where each listing's new rules come from: one patch for a set of listings, or one row per
 * listing (a CSV import). `join` adds the row source, `where` picks the listings.
 */
export interface RuleSource {
  join: SQL;
  where: SQL;
  next: ListingRules<SQL>;
}

export function patchSource(target: ListingTarget, patch: ListingRulesPatch): RuleSource {
  return { join: sql``, where: targetCondition(target), next: patchedRules(patch) };
}

/** Per listing: its rules and publishable quantity now and with the new rules. */
export function comparison(next: ListingRules<SQL>) {
  const available = availableSql({ onHand: v.onHand, locked: v.lockedQuantity });
  const changed = sql.join(
    ruleKeys.map((key) => sql`${columnOf[key]} is distinct from ${next[key]}`),
    sql` or `,
  );
  return {
    next,
    publishableBefore: publishableSql(available, ms),
    publishableAfter: publishableSql(available, next),
    changed: sql`(${changed})`,
  };
}

export interface ListingRuleExample {
  listingId: number;
  marketplaceCode: string;
  sku: string;
  available: number;
  before: ListingRules & { publishable: number };
  after: ListingRules & { publishable: number };
}

export interface ListingRulesPreview {
  /** Listings the target names. */
  matched: number;
  /** Of those, listings whose rules the patch changes. */
  rulesChanged: number;
  /** Of those, listings whose publishable quantity moves (each would get a push). */
  publishableChanged: number;
  /** A few listings, those whose publishable quantity moves first. */
  examples: ListingRuleExample[];
}

export interface ComparedRow extends Record<string, unknown> {
  id: number;
  marketplace_id: number;
  code: string;
  variation_id: number;
  sku: string;
  available: number;
  buffer: number;
  max_quantity: number | null;
  share_percent: number | null;
  zero_at_or_below: number | null;
  new_buffer: number;
  new_max_quantity: number | null;
  new_share_percent: number | null;
  new_zero_at_or_below: number | null;
  publishable_before: number;
  publishable_after: number;
  changed: boolean;
}

export function comparedColumns(c: ReturnType<typeof comparison>): SQL {
  return sql`${ms.id} as id, ${ms.marketplaceId} as marketplace_id, ${m.code} as code,
    ${ms.variationId} as variation_id, ${v.sku} as sku,
    ${availableSql({ onHand: v.onHand, locked: v.lockedQuantity })} as available,
    ${ms.buffer} as buffer, ${ms.maxQuantity} as max_quantity,
    ${ms.sharePercent} as share_percent, ${ms.zeroAtOrBelow} as zero_at_or_below,
    ${c.next.buffer} as new_buffer, ${c.next.maxQuantity} as new_max_quantity,
    ${c.next.sharePercent} as new_share_percent, ${c.next.zeroAtOrBelow} as new_zero_at_or_below,
    ${c.publishableBefore} as publishable_before, ${c.publishableAfter} as publishable_after,
    ${c.changed} as changed`;
}

export const joined = sql`${source(ms)} join ${source(v)} on ${v.id} = ${ms.variationId}
  join ${source(m)} on ${m.id} = ${ms.marketplaceId}`;

export function exampleOf(row: ComparedRow): ListingRuleExample {
  return {
    listingId: row.id,
    marketplaceCode: row.code,
    sku: row.sku,
    available: row.available,
    before: {
      buffer: row.buffer,
      maxQuantity: row.max_quantity,
      sharePercent: row.share_percent,
      zeroAtOrBelow: row.zero_at_or_below,
      publishable: row.publishable_before,
    },
    after: {
      buffer: row.new_buffer,
      maxQuantity: row.new_max_quantity,
      sharePercent: row.new_share_percent,
      zeroAtOrBelow: row.new_zero_at_or_below,
      publishable: row.publishable_after,
    },
  };
}

/** One listing's complete new rules (a line of a CSV import). */
export interface ListingRulesRow extends ListingRules {
  listingId: number;
}

/** One row per listing: each listing's rules become its row's. */
export function rowsSource(rows: readonly ListingRulesRow[]): RuleSource {
  const records = rows.map((row) => ({
    id: row.listingId,
    buffer: row.buffer,
    max_quantity: row.maxQuantity,
    share_percent: row.sharePercent,
    zero_at_or_below: row.zeroAtOrBelow,
  }));
  return {
    join: sql`join ${jsonRows(records, "x", "id int, buffer int, max_quantity int, share_percent int, zero_at_or_below int")} on x.id = ${ms.id}`,
    where: sql`true`,
    next: listingRuleColumns("x"),
  };
}
