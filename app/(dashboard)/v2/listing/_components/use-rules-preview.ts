"use client";

import { useEffect, useState } from "react";
import { callAction } from "@/components/ui/call-action";
import type { ListingRulesPatch, ListingRulesTarget } from "@/lib/validations/listing-rules";
import type { RulesPreview } from "../actions";
import { previewListingRulesAction } from "../actions";

export type PreviewState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; preview: RulesPreview; key: string }
  | { status: "error"; message: string };

/**
 * Asks the server what the rules would do (the SQL formula on today's stock) a moment after
 * the person stops typing; `key` says which input a ready preview belongs to, so that saving
 * is only offered for what was previewed.
 */
export function useRulesPreview(
  target: ListingRulesTarget | null,
  patch: ListingRulesPatch | null,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const key = target && patch ? JSON.stringify({ target, patch }) : null;
  useEffect(() => {
    if (!key) {
      setState({ status: "idle" });
      return;
    }
    let current = true;
    setState({ status: "loading" });
    const timer = setTimeout(async () => {
      const input = JSON.parse(key) as { target: ListingRulesTarget; patch: ListingRulesPatch };
      const result = await callAction(() =>
        previewListingRulesAction({ target: input.target, rules: input.patch }),
      );
      if (!current) return;
      setState(
        result.ok
          ? { status: "ready", preview: result.data, key }
          : { status: "error", message: result.error.message },
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** The key a ready preview must carry for this input. */
export function previewKey(target: ListingRulesTarget, patch: ListingRulesPatch): string {
  return JSON.stringify({ target, patch });
}
