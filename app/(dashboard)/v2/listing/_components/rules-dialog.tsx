"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  patchOf,
  RuleFields,
  type RuleKey,
  type RuleTexts,
  ruleKeys,
  textsOf,
} from "@/components/listing-rules/rule-fields";
import { callAction } from "@/components/ui/call-action";
import { ModalForm } from "@/components/ui/modal-form";
import { useToast } from "@/components/ui/toast";
import type { ListingRules } from "@/lib/domain/publishable";
import type { ListingRow } from "@/lib/queries/listing";
import type { ListingRulesTarget } from "@/lib/validations/listing-rules";
import { type RulesPreview, setListingRulesAction } from "../actions";
import { RulesPreviewPanel } from "./rules-preview-panel";
import { previewKey, useRulesPreview } from "./use-rules-preview";

/** One listing (its row), or many (a selection, or everything the filter shows). */
export type RulesEditTarget =
  | { kind: "row"; row: ListingRow }
  | { kind: "bulk"; target: ListingRulesTarget; description: string };

const every = (value: boolean) =>
  Object.fromEntries(ruleKeys.map((key) => [key, value])) as Record<RuleKey, boolean>;

const noRules: ListingRules = {
  buffer: 0,
  maxQuantity: null,
  sharePercent: null,
  zeroAtOrBelow: null,
};

function targetOf(edit: RulesEditTarget): ListingRulesTarget {
  return edit.kind === "row" ? { kind: "listings", ids: [edit.row.id] } : edit.target;
}

/**
 * The rules editor on a native modal <dialog> (focus trapped, Escape cancels): the fields, the
 * previewed publishable quantity (the server's formula on today's stock), then save. Saving is
 * offered only for the input the preview on screen belongs to.
 */
export function RulesDialog({
  edit,
  onClose,
  onSaved,
}: {
  edit: RulesEditTarget;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [texts, setTexts] = useState<RuleTexts>(() =>
    textsOf(edit.kind === "row" ? edit.row : noRules),
  );
  const [changing, setChanging] = useState(() => every(edit.kind === "row"));
  const target = targetOf(edit);
  const parsed = patchOf(texts, changing);
  const preview = useRulesPreview(target, parsed.ok ? parsed.patch : null);
  const ready =
    parsed.ok && preview.status === "ready" && preview.key === previewKey(target, parsed.patch)
      ? preview.preview
      : null;
  const save = useSave(onSaved);

  const title =
    edit.kind === "row"
      ? `Rules of ${edit.row.sku} on ${edit.row.marketplaceCode}`
      : `Rules of ${edit.description}`;
  return (
    <ModalForm
      open
      title={title}
      width="lg"
      error={save.error}
      submit={{
        label: save.pending ? "Saving…" : "Save rules",
        tone: "primary",
        disabled: !ready || save.pending || ready.rulesChanged === 0,
      }}
      onSubmit={() => {
        if (parsed.ok && ready) save.run(target, parsed.patch, ready);
      }}
      onClose={onClose}
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-300">
        Published: 0 while available ≤ “zero at”; otherwise the smaller of max and (available −
        buffer) × share %, rounded down.
        {edit.kind === "bulk"
          ? " Tick the rules to change; the others stay as each listing has them."
          : ""}
      </p>
      <RuleFields
        texts={texts}
        onTexts={setTexts}
        changing={changing}
        onChanging={edit.kind === "bulk" ? setChanging : undefined}
      />
      {parsed.ok ? (
        <RulesPreviewPanel state={preview} ready={ready} single={edit.kind === "row"} />
      ) : (
        <p className="text-amber-800 dark:text-amber-300">{parsed.error}</p>
      )}
    </ModalForm>
  );
}

function useSave(onSaved: () => void) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [pending, startSaving] = useTransition();
  function run(
    target: ListingRulesTarget,
    rules: Parameters<typeof setListingRulesAction>[0]["rules"],
    preview: RulesPreview,
  ) {
    setError(null);
    startSaving(async () => {
      const result = await callAction(() =>
        setListingRulesAction({ target, rules, expectedMatched: preview.matched }),
      );
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      const { changed, pushesQueued } = result.data;
      toast(
        `Rules saved on ${changed} listing(s); ${pushesQueued} new quantit${pushesQueued === 1 ? "y" : "ies"} to push.`,
        "success",
      );
      onSaved();
      router.refresh();
    });
  }
  return { run, error, pending };
}
