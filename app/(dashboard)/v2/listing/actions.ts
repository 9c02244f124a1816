"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_server/run-action";
import { type Executor, getDb } from "@/db/client";
import type { PublishableExplanation } from "@/lib/domain/publishable-explain";
import { type ActionResult, AppError } from "@/lib/errors";
import { requestPush } from "@/lib/jobs/request-sync";
import { parseListParams } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { logger } from "@/lib/log";
import { listingIdsMatching } from "@/lib/queries/listing";
import { readListingExplanation } from "@/lib/stock/listing-explanation";
import {
  type ListingRulesPreview,
  type ListingTarget,
  previewListingRules,
  type SetListingRulesResult,
  setListingRules,
} from "@/lib/stock/listing-rules";
import {
  type ListingRulesTarget,
  type PreviewListingRulesInput,
  previewListingRulesInputSchema,
  type SetListingRulesInput,
  setListingRulesInputSchema,
} from "@/lib/validations/listing-rules";

export interface RulesPreview extends ListingRulesPreview {
  /** For a single listing: its new publishable quantity explained. */
  explanation: PublishableExplanation | null;
}

/** The listings an action names: by id, or those the page's filter (parsed here) shows. */
function resolveTarget(db: Executor, target: ListingRulesTarget): ListingTarget {
  if (target.kind === "listings") return { listingIds: target.ids };
  const { values, invalid } = parseListParams(listingList, target.params);
  if (invalid.length > 0) {
    const names = invalid.map((param) => param.param).join(", ");
    throw new AppError("bad_request", `the filter has invalid parameters: ${names}`);
  }
  return { idsQuery: listingIdsMatching(db, values).getSQL() };
}

const targetLabel = (target: ListingRulesTarget) =>
  target.kind === "listings"
    ? target.ids.length === 1
      ? `listing:${target.ids[0]}`
      : `listings:${target.ids.length}`
    : "listings:filter";

/** Admin: what new rules would do to the listings' publishable quantities (changes nothing). */
export async function previewListingRulesAction(
  raw: PreviewListingRulesInput,
): Promise<ActionResult<RulesPreview>> {
  return runAction(
    {
      action: "listing.rules_previewed",
      role: "admin",
      schema: previewListingRulesInputSchema,
      target: (input) => targetLabel(input.target),
      run: async ({ target, rules }) => {
        const db = await getDb();
        const preview = await previewListingRules(db, resolveTarget(db, target), rules);
        // One listing: why its new number, step by step, on the same stock.
        const [only] = preview.examples;
        const explanation =
          target.kind === "listings" && target.ids.length === 1 && only
            ? await readListingExplanation(db, only.listingId, only.after)
            : null;
        return { ...preview, explanation };
      },
    },
    raw,
  );
}

/**
 * Admin: sets the rules of the listings (by id, or all the filter shows), audited in the same
 * transaction; the moved quantities are pushed right after commit.
 */
export async function setListingRulesAction(
  raw: SetListingRulesInput,
): Promise<ActionResult<Omit<SetListingRulesResult, "changes">>> {
  const result = await runAction(
    {
      action: "listing.rules_changed",
      role: "admin",
      schema: setListingRulesInputSchema,
      target: (input) => targetLabel(input.target),
      run: async ({ target, rules, expectedMatched }, { actor, ip }) => {
        const db = await getDb();
        const resolved = resolveTarget(db, target);
        const { changes: _, ...done } = await db.transaction(async (tx) => {
          const applied = await setListingRules(tx, resolved, rules, {
            actor,
            ip,
            scope: target.kind === "filter" ? { filter: target.params } : { listings: target.ids },
          });
          // The preview's count is what the person agreed to: a filter (or a selection, a
          // listing since removed) that now matches another number is refused, nothing changed.
          if (applied.matched !== expectedMatched) {
            throw new AppError(
              "conflict",
              `These rules now apply to ${applied.matched} listing(s), not the ${expectedMatched} previewed: preview again.`,
            );
          }
          return applied;
        });
        return done;
      },
    },
    raw,
  );
  if (result.ok) {
    if (result.data.pushesQueued > 0) {
      await requestPush().catch((error: unknown) =>
        logger.warn(
          { err: error },
          "push after a rules change not started; the next sync drains it",
        ),
      );
    }
    revalidatePath("/v2/listing");
  }
  return result;
}
