"use client";

import { parseAsInteger, parseAsString, useQueryStates } from "nuqs";
import { useMemo, useTransition } from "react";

const tableParsers = {
  page: parseAsInteger,
  perPage: parseAsInteger,
  sort: parseAsString,
  q: parseAsString,
  /** Hidden column ids, comma-separated (view only: no server round trip). */
  hide: parseAsString,
};

/**
 * The table's state as it lives in the URL. Writes re-render the server page (shallow: false)
 * inside a transition, so the current rows stay on screen, dimmed, until the new ones arrive.
 */
export function useTableUrl(filterIds: readonly string[]) {
  const [isPending, startTransition] = useTransition();
  const key = filterIds.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids' contents are the key
  const parsers = useMemo(
    () => ({
      ...tableParsers,
      ...Object.fromEntries(filterIds.map((id) => [id, parseAsString] as const)),
    }),
    [key],
  );
  const [state, setState] = useQueryStates(parsers, {
    shallow: false,
    history: "replace",
    scroll: false,
    startTransition,
  });
  /** Sets URL params (null removes one); `shallow` skips the server round trip. */
  const update = (
    values: Record<string, string | number | null>,
    options: { shallow?: boolean } = {},
  ) => setState(values as Parameters<typeof setState>[0], options);
  return { state: state as Record<string, string | number | null>, update, isPending };
}

export type TableUrl = ReturnType<typeof useTableUrl>;
