"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  patchOf,
  RuleFields,
  type RuleKey,
  type RuleTexts,
  textsOf,
} from "@/components/listing-rules/rule-fields";
import { buttonClass } from "@/components/ui/button-styles";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import type { ListingRules } from "@/lib/domain/publishable";
import { saveListingDefaultsAction } from "../actions";

const allRules: Record<RuleKey, boolean> = {
  buffer: true,
  maxQuantity: true,
  sharePercent: true,
  zeroAtOrBelow: true,
};

/** Admin: the allocation rules this marketplace's new listings start with. */
export function ListingDefaultsForm({
  marketplaceId,
  initial,
}: {
  marketplaceId: number;
  initial: ListingRules;
}) {
  const router = useRouter();
  const toast = useToast();
  const [texts, setTexts] = useState<RuleTexts>(() => textsOf(initial));
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const parsed = patchOf(texts, allRules);

  function save() {
    if (!parsed.ok) return;
    const {
      buffer = 0,
      maxQuantity = null,
      sharePercent = null,
      zeroAtOrBelow = null,
    } = parsed.patch;
    setError(null);
    startSaving(async () => {
      const result = await callAction(() =>
        saveListingDefaultsAction({
          marketplaceId,
          rules: { buffer, maxQuantity, sharePercent, zeroAtOrBelow },
        }),
      );
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      toast("Defaults for new listings saved.", "success");
      router.refresh();
    });
  }

  return (
    <form
      aria-label="Defaults for new listings"
      className="flex max-w-xl flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-300">
        A listing this marketplace gets from now on (found by a stock sync, or made by a first sale)
        starts with these rules. Listings it has already keep theirs: change those on{" "}
        <Link
          // Underlined: inside a sentence, colour alone does not mark it as a link.
          className="text-blue-700 underline dark:text-blue-400"
          href={`/v2/listing?marketplace=${marketplaceId}`}
        >
          the listing page
        </Link>{" "}
        (per row, or all of this marketplace at once).
      </p>
      <RuleFields texts={texts} onTexts={setTexts} changing={allRules} />
      {!parsed.ok ? <p className="text-amber-800 dark:text-amber-300">{parsed.error}</p> : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" className={buttonClass.primary} disabled={!parsed.ok || saving}>
          {saving ? "Saving…" : "Save defaults"}
        </button>
      </div>
    </form>
  );
}
