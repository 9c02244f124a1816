// URL parameter parsers shared by the server (nuqs loader) and the client (useQueryStates).
// Imported from "nuqs/server": that entry point holds no client-only code, so the same parser
// objects run in server components, route handlers, tests and the browser. A value that does
// not parse is null (the loader then falls back to the default); `expected` says why, for the
// "ignored invalid URL parameters" notice.
import { createParser, type SingleParserBuilder } from "nuqs/server";

export type ListParser<T> = SingleParserBuilder<T> & { readonly expected: string };

function parser<T>(
  expected: string,
  parse: (value: string) => T | null,
  serialize: (value: T) => string,
  eq?: (a: T, b: T) => boolean,
): ListParser<T> {
  const built = createParser<T>(eq ? { parse, serialize, eq } : { parse, serialize });
  // The property rides along through withDefault/withOptions (they spread `this`).
  return Object.assign(built, { expected });
}

/** What a failed parse of `p` reports. */
export function expectationOf(p: object): string {
  return "expected" in p && typeof p.expected === "string" ? p.expected : "invalid value";
}

export const pageSizes = [25, 50, 100, 200] as const;
export type PageSize = (typeof pageSizes)[number];

const MAX_ID = 2_147_483_647;

/** An integer in [min, max], written in plain digits. */
export function integerIn(min: number, max: number): ListParser<number> {
  return parser(
    `an integer from ${min} to ${max}`,
    (value) => {
      if (!/^-?\d{1,10}$/.test(value.trim())) return null;
      const n = Number(value.trim());
      return n >= min && n <= max ? n : null;
    },
    String,
  );
}

/** A database id (positive int4). */
export const idValue = integerIn(1, MAX_ID);

export const perPageValue = parser<number>(
  `one of ${pageSizes.join(", ")}`,
  (value) => {
    const n = Number(value);
    return (pageSizes as readonly number[]).includes(n) ? n : null;
  },
  String,
);

/** One of a vocabulary's values. */
export function oneOf<const T extends string>(values: readonly T[]): ListParser<T> {
  return parser(
    `one of ${values.join(", ")}`,
    (value) => ((values as readonly string[]).includes(value) ? (value as T) : null),
    (value) => value,
  );
}

/**
 * A comma-separated list (`?status=locked,consumed`), every item parsed by `item`: one bad item
 * makes the whole parameter invalid (reported), never a silently narrower filter.
 */
export function listOf<T>(item: ListParser<T>, max = 50): ListParser<T[]> {
  return parser<T[]>(
    `a comma-separated list, each ${item.expected}`,
    (value) => {
      const parts = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      if (parts.length === 0 || parts.length > max) return null;
      const items: T[] = [];
      for (const part of parts) {
        const parsed = item.parse(part);
        if (parsed === null) return null;
        items.push(parsed);
      }
      return items;
    },
    (values) => values.map((v) => item.serialize(v)).join(","),
    (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  );
}

/** Trimmed text of at most `max` characters (blank is absent). */
export function textValue(max: number): ListParser<string> {
  return parser(
    `text of at most ${max} characters`,
    (value) => {
      const text = value.trim();
      return text.length > 0 && text.length <= max ? text : null;
    },
    (value) => value,
  );
}

/** `YYYY-MM-DD`, as a Date at 00:00 UTC. */
export const dayValue = parser<Date>(
  "a date as YYYY-MM-DD",
  (value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    const date = new Date(`${value}T00:00:00Z`);
    // Rejects days that roll over (2025-02-30).
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
  },
  (date) => date.toISOString().slice(0, 10),
  (a, b) => a.getTime() === b.getTime(),
);

/** A checkbox filter: `1` when on, absent when off. */
export const switchOn = parser<boolean>(
  "1",
  (value) => (value === "1" ? true : null),
  () => "1",
);

export interface SortSpec<Id extends string = string> {
  id: Id;
  desc: boolean;
}

/** `?sort=createdAt.desc`, restricted to the given sortable column ids. */
export function sortValue<Id extends string>(ids: readonly Id[]): ListParser<SortSpec<Id>> {
  return parser<SortSpec<Id>>(
    `<column>.asc or <column>.desc, column one of ${ids.join(", ")}`,
    (value) => {
      const match = /^([A-Za-z0-9_]+)\.(asc|desc)$/.exec(value);
      if (!match || !(ids as readonly string[]).includes(match[1] as string)) return null;
      return { id: match[1] as Id, desc: match[2] === "desc" };
    },
    (sort) => `${sort.id}.${sort.desc ? "desc" : "asc"}`,
    (a, b) => a.id === b.id && a.desc === b.desc,
  );
}
