// Staff change listings' allocation rules (buffer, cap, share, zero-at) one at a time or in
// bulk, from the dashboard or the CLI. A preview says what the publishable quantity would
// become (the SQL formula of lib/domain/publishable.ts, on today's stock); a change is
// audited in its transaction and queues a push, due at once, on every listing whose
// publishable quantity moved (the caller drains the outbox after commit).
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, queryRows, type Transaction } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { bare, source } from "@/db/sql-names";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { type ListingRulesPatch, listingRulesPatchSchema } from "@/lib/validations/listing-rules";
import {
  type ComparedRow,
  comparedColumns,
  comparison,
  exampleOf,
  joined,
  type ListingRuleExample,
  type ListingRulesPreview,
  type ListingRulesRow,
  type ListingTarget,
  m,
  ms,
  patchSource,
  type RuleSource,
  rowsSource,
  v,
} from "./listing-rules-sql";
import { lockTimeoutCondition } from "./variation-locks";

export type { ListingRuleExample, ListingRulesPreview, ListingRulesRow, ListingTarget };

/** What the patch would do to the target's listings, on today's stock; changes nothing. */
export async function previewListingRules(
  executor: Executor,
  target: ListingTarget,
  rawPatch: ListingRulesPatch,
  options: { examples?: number } = {},
): Promise<ListingRulesPreview> {
  const rules = patchSource(target, parsePatch(rawPatch));
  const c = comparison(rules.next);
  const from = sql`${joined} ${rules.join}`;
  const where = rules.where;
  const [summary] = await queryRows<{ matched: number; rules: number; moved: number }>(
    executor,
    sql`select count(*)::int as matched, count(*) filter (where ${c.changed})::int as rules,
          count(*) filter (where ${c.publishableBefore} <> ${c.publishableAfter})::int as moved
        from ${from} where ${where}`,
  );
  const examples = await queryRows<ComparedRow>(
    executor,
    sql`select ${comparedColumns(c)} from ${from} where ${where}
        order by (${c.publishableBefore} <> ${c.publishableAfter}) desc, ${c.changed} desc,
          ${v.sku}, ${m.code}
        limit ${options.examples ?? 5}`,
  );
  return {
    matched: summary?.matched ?? 0,
    rulesChanged: summary?.rules ?? 0,
    publishableChanged: summary?.moved ?? 0,
    examples: examples.map(exampleOf),
  };
}

export interface SetListingRulesResult {
  matched: number;
  /** Listings whose rules changed. */
  changed: number;
  /** Listings whose publishable quantity moved: each has a push due now. */
  pushesQueued: number;
  /** Every changed listing, before and after. */
  changes: ListingRuleExample[];
}

export interface ListingRulesAudit {
  actor: AuditActor;
  ip?: string | null;
  /** What was asked for, as the audit log should show it (e.g. the filter or the CSV file). */
  scope: Record<string, unknown>;
}

/** Audit entries list at most this many listings; the counts are always whole. */
const AUDITED_CHANGES = 1_000;

/**
 * Applies the patch to the target's listings, under the variations' row locks (in id order,
 * FOR SHARE: no lock change can move the stock between the comparison and the update; a
 * drain settling a push reads them the same way). Audited in this transaction.
 */
export async function setListingRules(
  tx: Transaction,
  target: ListingTarget,
  rawPatch: ListingRulesPatch,
  audit: ListingRulesAudit,
): Promise<SetListingRulesResult> {
  const patch = parsePatch(rawPatch);
  const single = "listingIds" in target && target.listingIds.length === 1;
  return applyRules(tx, patchSource(target, patch), {
    ...audit,
    target: single ? `listing:${(target as { listingIds: number[] }).listingIds[0]}` : "listings",
    input: { ...audit.scope, rules: patch },
  });
}

/** Sets each listing's rules to its row's (all or nothing: one transaction, one audit entry). */
export async function importListingRules(
  tx: Transaction,
  rows: readonly ListingRulesRow[],
  audit: ListingRulesAudit,
): Promise<SetListingRulesResult> {
  return applyRules(tx, rowsSource(rows), {
    ...audit,
    target: "listings",
    input: { ...audit.scope, listings: rows.length },
  });
}

/**
 * Applies new rules under the variations' row locks (in id order, FOR SHARE: no lock change
 * can move the stock between the comparison and the update; a drain settling a push reads
 * them the same way), then audits the change in the same transaction.
 */
async function applyRules(
  tx: Transaction,
  rules: RuleSource,
  audit: ListingRulesAudit & { target: string; input: unknown },
): Promise<SetListingRulesResult> {
  const from = sql`${joined} ${rules.join}`;
  await queryRows(
    tx,
    sql`select ${v.id} from ${source(v)}
        where ${v.id} in (select ${ms.variationId} from ${from} where ${rules.where})
          and ${lockTimeoutCondition(tx)}
        order by ${v.id} for share of ${v}`,
  );
  const c = comparison(rules.next);
  const rows = await queryRows<ComparedRow>(
    tx,
    sql`select ${comparedColumns(c)} from ${from} where ${rules.where}
        order by ${ms.id} for update of ${ms}`,
  );
  const changed = rows.filter((row) => row.changed);
  if (changed.length > 0) await updateRules(tx, changed);
  const result: SetListingRulesResult = {
    matched: rows.length,
    changed: changed.length,
    pushesQueued: changed.filter((row) => row.publishable_before !== row.publishable_after).length,
    changes: changed.map(exampleOf),
  };
  await recordAudit(tx, {
    actor: audit.actor,
    action: "listing.rules_changed",
    target: audit.target,
    input: audit.input,
    outcome: "succeeded",
    result: auditResult(result),
    ip: audit.ip ?? null,
  });
  return result;
}

function auditResult(result: SetListingRulesResult) {
  return {
    matched: result.matched,
    changed: result.changed,
    pushesQueued: result.pushesQueued,
    changes: result.changes.slice(0, AUDITED_CHANGES).map((change) => ({
      listing: change.listingId,
      marketplace: change.marketplaceCode,
      sku: change.sku,
      before: change.before,
      after: change.after,
    })),
    ...(result.changes.length > AUDITED_CHANGES ? { changesListed: AUDITED_CHANGES } : {}),
  };
}

/** Writes the new rules of the compared rows; a moved publishable quantity queues a push now. */
async function updateRules(tx: Transaction, rows: ComparedRow[]): Promise<void> {
  const values = rows.map((row) => ({
    id: row.id,
    buffer: row.new_buffer,
    max_quantity: row.new_max_quantity,
    share_percent: row.new_share_percent,
    zero_at_or_below: row.new_zero_at_or_below,
    moved: row.publishable_before !== row.publishable_after,
  }));
  await tx.execute(
    sql`update ${source(ms)} set
          ${bare(ms.buffer)} = x.buffer, ${bare(ms.maxQuantity)} = x.max_quantity,
          ${bare(ms.sharePercent)} = x.share_percent,
          ${bare(ms.zeroAtOrBelow)} = x.zero_at_or_below,
          ${bare(ms.pushPendingSince)} = case when x.moved
            then coalesce(${ms.pushPendingSince}, now()) else ${ms.pushPendingSince} end,
          ${bare(ms.pushNextAttemptAt)} = case when x.moved then now()
            else ${ms.pushNextAttemptAt} end
        from ${jsonRows(values, "x", "id int, buffer int, max_quantity int, share_percent int, zero_at_or_below int, moved boolean")}
        where ${ms.id} = x.id`,
  );
}

function parsePatch(patch: unknown): ListingRulesPatch {
  const parsed = listingRulesPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new AppError("bad_request", `listing rules: ${z.prettifyError(parsed.error)}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}
