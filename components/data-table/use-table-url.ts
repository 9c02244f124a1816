"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { AnyList, ListValues } from "@/lib/lists/define";
import { type ListParser, listOf, oneOf, type SortSpec } from "@/lib/lists/parsers";

/** The URL values every list has (whatever its filters). */
interface TableState {
  page: number;
  perPage: number;
  sort: SortSpec;
  hide: string[] | null;
}

/** A parser as `withDefault` leaves it (nuqs' builder): the default rides along. */
type UrlParser = ListParser<unknown> & { defaultValue?: unknown };

function sameValue(parser: UrlParser, a: unknown, b: unknown): boolean {
  return parser.eq ? parser.eq(a as never, b as never) : a === b;
}

/** Every parameter read with its parser: absent or invalid → its default (or null). */
function readState(parsers: Record<string, UrlParser>, params: URLSearchParams) {
  return Object.fromEntries(
    Object.entries(parsers).map(([key, parser]) => {
      const raw = params.get(key);
      const value = raw === null || raw === "" ? null : parser.parse(raw);
      return [key, value ?? parser.defaultValue ?? null];
    }),
  );
}

/** The query string with `values` written: null or a parameter's default removes it. */
export function writeParams(
  parsers: Record<string, UrlParser>,
  current: URLSearchParams,
  values: Record<string, unknown>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(values)) {
    const parser = parsers[key];
    if (!parser) continue;
    const isDefault =
      parser.defaultValue !== undefined && sameValue(parser, value, parser.defaultValue);
    if (value === null || value === undefined || isDefault) next.delete(key);
    else next.set(key, parser.serialize(value as never));
  }
  return next.toString();
}

/**
 * A list's state as it lives in the URL, read with the list spec's own parsers (the ones the
 * server's loader uses), plus `hide`: hidden column ids, a view-only parameter. Writes
 * re-render the server page inside a transition, so the current rows stay on screen, dimmed,
 * until the new ones arrive; meanwhile the controls already show the new values (the URL the
 * transition is heading to). A `shallow` write only replaces the URL (no server round trip).
 */
export function useListUrl<L extends AnyList>(list: L) {
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The query being navigated to, until the navigation lands (or is replaced by another).
  const [heading, setHeading] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a landed navigation (new searchParams) ends the optimistic view
  useEffect(() => {
    if (isPending) return;
    latest.current = null;
    setHeading(null);
  }, [isPending, searchParams]);
  const parsers = useMemo(
    () =>
      ({ ...list.parsers, hide: listOf(oneOf(Object.keys(list.columns))) }) as Record<
        string,
        UrlParser
      >,
    [list],
  );
  const state = useMemo(
    () => readState(parsers, heading === null ? searchParams : new URLSearchParams(heading)),
    [parsers, searchParams, heading],
  );
  /** Sets URL values (null removes one, a default clears it); `shallow` skips the server. */
  const update = (values: Record<string, unknown>, options: { shallow?: boolean } = {}) => {
    const base = new URLSearchParams(latest.current ?? window.location.search);
    const query = writeParams(parsers, base, values);
    const href = query ? `${pathname}?${query}` : pathname;
    latest.current = query;
    setHeading(query);
    if (options.shallow) window.history.replaceState(window.history.state, "", href);
    else startTransition(() => router.replace(href, { scroll: false }));
  };
  return {
    state: state as unknown as ListValues<L> & TableState,
    /** The same values, by parameter name, for generic controls. */
    byId: state as Record<string, unknown>,
    update,
    isPending,
  };
}

export type ListUrl = ReturnType<typeof useListUrl>;
