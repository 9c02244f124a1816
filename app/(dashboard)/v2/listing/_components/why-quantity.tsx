import type { ListingRules } from "@/lib/domain/publishable";
import {
  type ExplainStep,
  explainPublishable,
  type MarketplaceLocks,
} from "@/lib/domain/publishable-explain";

/** The listing's explanation, as its row has it (the same numbers the query computed). */
export function explainRow(row: ListingRules & { onHand: number; locks: MarketplaceLocks[] }) {
  return explainPublishable({ onHand: row.onHand, locks: row.locks }, row);
}

/** The steps of "why this quantity": on hand − locks per marketplace − buffer → share → cap → zero rule. */
export function ExplainSteps({ steps }: { steps: ExplainStep[] }) {
  return (
    <ol className="flex flex-col gap-0.5 text-xs">
      {steps.map((step) => (
        <li
          key={step.kind}
          className={`flex justify-between gap-3 ${
            step.kind === "published"
              ? "border-t border-zinc-300 pt-0.5 font-semibold dark:border-zinc-600"
              : step.applies
                ? ""
                : "text-zinc-500 dark:text-zinc-400"
          }`}
        >
          <span>
            {step.label}
            {step.locks && step.locks.length > 0 ? (
              <span className="block pl-2 text-zinc-600 dark:text-zinc-400">
                {step.locks.map((entry) => `${entry.marketplace} ${entry.locked}`).join(" · ")}
              </span>
            ) : null}
          </span>
          <span className="tabular-nums">{step.value}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The publishable number with its explanation behind a native disclosure (keyboard: Tab to
 * "why", Enter or Space opens it; on a phone a tap). The number comes first in the cell.
 */
export function PublishableCell({
  row,
}: {
  row: ListingRules & {
    onHand: number;
    locks: MarketplaceLocks[];
    publishable: number;
    sku: string;
    marketplaceCode: string;
  };
}) {
  const explanation = explainRow(row);
  return (
    <div className="min-w-20">
      <strong className="tabular-nums">{row.publishable}</strong>
      <details className="group text-xs">
        <summary
          className="cursor-pointer text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-400"
          aria-label={`Why ${row.publishable} for ${row.sku} on ${row.marketplaceCode}`}
        >
          why?
        </summary>
        <div className="mt-1 w-56 rounded border border-zinc-200 bg-white p-2 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
          <ExplainSteps steps={explanation.steps} />
        </div>
      </details>
    </div>
  );
}

/** A listing's rules in a few words ("no rules" when none is set). */
export function describeRules(rules: ListingRules): string {
  const parts: string[] = [];
  if (rules.buffer > 0) parts.push(`buffer ${rules.buffer}`);
  if (rules.sharePercent !== null) parts.push(`${rules.sharePercent} %`);
  if (rules.maxQuantity !== null) parts.push(`max ${rules.maxQuantity}`);
  if (rules.zeroAtOrBelow !== null) parts.push(`0 at ≤ ${rules.zeroAtOrBelow}`);
  return parts.length === 0 ? "no rules" : parts.join(" · ");
}
