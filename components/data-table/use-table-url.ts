"use client";

import { useQueryStates } from "nuqs";
import { useMemo, useTransition } from "react";
import type { AnyList, ListValues } from "@/lib/lists/define";
import { listOf, oneOf, type SortSpec } from "@/lib/lists/parsers";

/** The URL values every list has (whatever its filters). */
interface TableState {
  page: number;
  perPage: number;
  sort: SortSpec;
  hide: string[] | null;
}

/** The parsers of a list's URL: the spec's own, plus `hide` (hidden column ids, view-only). */
export function tableParsers<L extends AnyList>(list: L) {
  return { ...list.parsers, hide: listOf(oneOf(Object.keys(list.columns))) };
}

/**
 * A list's state as it lives in the URL, read with the list spec's own parsers (the ones the
 * server's loader uses). Writes re-render the server page (shallow: false) inside a
 * transition, so the current rows stay on screen, dimmed, until the new ones arrive; nuqs
 * shows the new values in the controls at once and merges writes made before the URL lands.
 * A value equal to its default clears the parameter.
 */
export function useListUrl<L extends AnyList>(list: L) {
  const [isPending, startTransition] = useTransition();
  const parsers = useMemo(() => tableParsers(list), [list]);
  const [state, setState] = useQueryStates(parsers, {
    shallow: false,
    history: "replace",
    scroll: false,
    startTransition,
  });
  /** Sets URL values (null removes one, a default clears it); `shallow` skips the server. */
  const update = (values: Record<string, unknown>, options: { shallow?: boolean } = {}) =>
    setState(values as Parameters<typeof setState>[0], options);
  return {
    state: state as unknown as ListValues<L> & TableState,
    /** The same values, by parameter name, for generic controls. */
    byId: state as Record<string, unknown>,
    update,
    isPending,
  };
}

export type ListUrl = ReturnType<typeof useListUrl>;
