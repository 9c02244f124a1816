// "Why this quantity": the publishable formula (publishable.ts) told step by step, for the
// listing page and the CLI. Tests hold its last step to publishableQuantity's answer.
import type { ListingRules } from "./publishable";

/** Units locked by one marketplace's open orders. */
export interface MarketplaceLocks {
  marketplace: string;
  locked: number;
}

export type ExplainStepKind =
  | "on_hand"
  | "locks"
  | "available"
  | "buffer"
  | "share"
  | "cap"
  | "zero"
  | "published";

export interface ExplainStep {
  kind: ExplainStepKind;
  /** What the step does, e.g. "− buffer 2" or "share 50 %". */
  label: string;
  /** The quantity after this step. */
  value: number;
  /** False when the rule is off or changes nothing (shown dimmed). */
  applies: boolean;
  /** The per-marketplace lock breakdown (the `locks` step only). */
  locks?: MarketplaceLocks[];
}

export interface PublishableExplanation {
  available: number;
  steps: ExplainStep[];
  /** The last step's value: what the marketplace should show. */
  published: number;
}

/**
 * Explains publishable(variation, marketplace) from the variation's physical count, the
 * active locks per marketplace and the listing's rules.
 */
export function explainPublishable(
  stock: { onHand: number; locks: readonly MarketplaceLocks[] },
  rules: ListingRules,
): PublishableExplanation {
  const locks = stock.locks.filter((entry) => entry.locked !== 0);
  const locked = locks.reduce((sum, entry) => sum + entry.locked, 0);
  const available = stock.onHand - locked;
  const afterBuffer = Math.max(0, available - rules.buffer);
  const share = rules.sharePercent ?? 100;
  const afterShare = Math.floor((afterBuffer * share) / 100);
  const afterCap =
    rules.maxQuantity === null ? afterShare : Math.min(rules.maxQuantity, afterShare);
  const zeroed = rules.zeroAtOrBelow !== null && available <= rules.zeroAtOrBelow;
  const published = zeroed ? 0 : afterCap;
  const steps: ExplainStep[] = [
    { kind: "on_hand", label: "on hand", value: stock.onHand, applies: true },
    {
      kind: "locks",
      label: locked === 0 ? "no active locks" : `− ${locked} locked by open orders`,
      value: available,
      applies: locked !== 0,
      locks,
    },
    {
      kind: "available",
      label: available < 0 ? "available (oversold)" : "available",
      value: available,
      applies: true,
    },
    {
      kind: "buffer",
      label:
        rules.buffer === 0
          ? "no buffer"
          : `− buffer ${rules.buffer}${available - rules.buffer < 0 ? " (not below 0)" : ""}`,
      value: afterBuffer,
      applies: afterBuffer !== available,
    },
    {
      kind: "share",
      label: rules.sharePercent === null ? "no share (100 %)" : `× share ${share} %, rounded down`,
      value: afterShare,
      applies: afterShare !== afterBuffer,
    },
    {
      kind: "cap",
      label: rules.maxQuantity === null ? "no cap" : `capped at ${rules.maxQuantity}`,
      value: afterCap,
      applies: afterCap !== afterShare,
    },
    {
      kind: "zero",
      label:
        rules.zeroAtOrBelow === null
          ? "no zero rule"
          : zeroed
            ? `0 while available ≤ ${rules.zeroAtOrBelow}`
            : `zero rule (available ≤ ${rules.zeroAtOrBelow}) not met`,
      value: published,
      applies: zeroed,
    },
    { kind: "published", label: "published", value: published, applies: true },
  ];
  return { available, steps, published };
}

/** The explanation in one line per step, for the CLI and logs. */
export function explanationLines(explanation: PublishableExplanation): string[] {
  return explanation.steps.map((step) => {
    const detail =
      step.kind === "locks" && step.locks && step.locks.length > 0
        ? ` (${step.locks.map((entry) => `${entry.marketplace} ${entry.locked}`).join(", ")})`
        : "";
    return `${step.label}${detail} → ${step.value}`;
  });
}
