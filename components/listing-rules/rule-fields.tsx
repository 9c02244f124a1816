"use client";

import { useId } from "react";
import type { ListingRules } from "@/lib/domain/publishable";
import { type ListingRulesPatch, listingRulesPatchSchema } from "@/lib/validations/listing-rules";

export type RuleKey = keyof ListingRules;
/** The form's text per rule (empty: the rule is off; buffer: 0). */
export type RuleTexts = Record<RuleKey, string>;

export const ruleKeys: RuleKey[] = ["buffer", "sharePercent", "maxQuantity", "zeroAtOrBelow"];

const fieldSpec: Record<RuleKey, { label: string; hint: string; min: number; max?: number }> = {
  buffer: { label: "Buffer", hint: "units held back", min: 0 },
  sharePercent: { label: "Share %", hint: "empty: 100 %", min: 1, max: 100 },
  maxQuantity: { label: "Max", hint: "empty: no cap", min: 0 },
  zeroAtOrBelow: { label: "Zero at ≤", hint: "empty: off", min: 0 },
};

export function textsOf(rules: ListingRules): RuleTexts {
  const text = (value: number | null) => (value === null ? "" : String(value));
  return {
    buffer: text(rules.buffer),
    maxQuantity: text(rules.maxQuantity),
    sharePercent: text(rules.sharePercent),
    zeroAtOrBelow: text(rules.zeroAtOrBelow),
  };
}

/** The patch the texts ask for (only the `changing` rules), checked by the server's schema. */
export function patchOf(
  texts: RuleTexts,
  changing: Record<RuleKey, boolean>,
): { ok: true; patch: ListingRulesPatch } | { ok: false; error: string } {
  const patch: Record<string, number | null> = {};
  for (const key of ruleKeys) {
    if (!changing[key]) continue;
    const text = texts[key].trim();
    if (text === "") patch[key] = key === "buffer" ? 0 : null;
    else if (/^\d+$/.test(text)) patch[key] = Number(text);
    else return { ok: false, error: `${fieldSpec[key].label}: a whole number ≥ 0, or empty` };
  }
  const parsed = listingRulesPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0] as RuleKey | undefined;
    return { ok: false, error: `${key ? `${fieldSpec[key].label}: ` : ""}${issue?.message}` };
  }
  return { ok: true, patch: parsed.data };
}

const inputClass =
  "h-8 w-full rounded border border-zinc-300 bg-white px-2 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-950";

/**
 * The four rule inputs. In bulk (`changing` given with `onChanging`) each has a "change"
 * box: an unticked rule stays as each listing has it.
 */
export function RuleFields({
  texts,
  onTexts,
  changing,
  onChanging,
}: {
  texts: RuleTexts;
  onTexts: (texts: RuleTexts) => void;
  changing: Record<RuleKey, boolean>;
  onChanging?: (changing: Record<RuleKey, boolean>) => void;
}) {
  const id = useId();
  return (
    <fieldset className="grid grid-cols-2 gap-3">
      <legend className="sr-only">Allocation rules</legend>
      {ruleKeys.map((key) => {
        const spec = fieldSpec[key];
        return (
          <div key={key} className="flex flex-col gap-1 text-xs">
            <label htmlFor={`${id}-${key}`} className="font-medium">
              {spec.label}{" "}
              <span className="font-normal text-zinc-500 dark:text-zinc-400">({spec.hint})</span>
            </label>
            <input
              id={`${id}-${key}`}
              name={key}
              type="number"
              inputMode="numeric"
              min={spec.min}
              max={spec.max}
              step={1}
              value={texts[key]}
              disabled={!changing[key]}
              onChange={(event) => onTexts({ ...texts, [key]: event.currentTarget.value })}
              className={inputClass}
            />
            {onChanging ? (
              <label className="flex items-center gap-1 text-zinc-600 dark:text-zinc-300">
                <input
                  type="checkbox"
                  checked={changing[key]}
                  onChange={(event) =>
                    onChanging({ ...changing, [key]: event.currentTarget.checked })
                  }
                />
                change {spec.label.toLowerCase()}
              </label>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
