import { z } from "zod";

/** What Next hands a page: `?a=1&a=2` becomes an array. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

export const pageSizes = [25, 50, 100, 200] as const;
export type PageSize = (typeof pageSizes)[number];

export interface SortSpec<Id extends string = string> {
  id: Id;
  desc: boolean;
}

/** A comma-separated list (`?status=locked,consumed`) of values each parsed by `item`. */
export function csvList<T extends z.ZodType>(item: T) {
  return z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50) as unknown as z.ZodType<z.output<T>[], string[]>);
}

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/** `YYYY-MM-DD`, as a Date at 00:00 UTC. */
export const dateParam = z.iso.date().transform((value) => new Date(`${value}T00:00:00Z`));

/** `?sort=createdAt.desc` restricted to the given sortable column ids. */
export function sortParam<const Ids extends readonly [string, ...string[]]>(ids: Ids) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_]+\.(asc|desc)$/, "expected <column>.asc or <column>.desc")
    .transform((value) => {
      const [id, direction] = value.split(".") as [string, string];
      return { id, desc: direction === "desc" };
    })
    .pipe(z.object({ id: z.enum(ids), desc: z.boolean() }));
}

/** The parameters every list page shares: page, page size, sort, search. */
export function tableParamsShape<const Ids extends readonly [string, ...string[]]>(
  sortable: Ids,
  defaultSort: SortSpec<Ids[number]>,
) {
  return {
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    perPage: z.coerce
      .number()
      .int()
      .refine((n): n is PageSize => (pageSizes as readonly number[]).includes(n), {
        message: `one of ${pageSizes.join(", ")}`,
      })
      .default(50),
    sort: sortParam(sortable).default(defaultSort),
    q: z.string().trim().max(100).optional(),
  };
}

export interface ParsedSearchParams<T> {
  values: T;
  /** Parameters that were present but invalid (and replaced by their default), with why. */
  invalid: { param: string; message: string }[];
}

/**
 * Parses a page's search params field by field: a bad value falls back to that field's
 * default and is reported, so one typo in a shared URL does not blank the whole page.
 */
export function parseSearchParams<Shape extends z.ZodRawShape>(
  shape: Shape,
  raw: RawSearchParams,
): ParsedSearchParams<z.infer<z.ZodObject<Shape>>> {
  const values: Record<string, unknown> = {};
  const invalid: { param: string; message: string }[] = [];
  for (const [key, schema] of Object.entries(shape) as [string, z.ZodType][]) {
    const rawValue = raw[key];
    const first = Array.isArray(rawValue) ? rawValue[0] : rawValue;
    const input = first === "" ? undefined : first;
    const result = schema.safeParse(input);
    if (result.success) {
      values[key] = result.data;
      continue;
    }
    invalid.push({ param: key, message: result.error.issues[0]?.message ?? "invalid" });
    const fallback = schema.safeParse(undefined);
    values[key] = fallback.success ? fallback.data : undefined;
  }
  return { values: values as z.infer<z.ZodObject<Shape>>, invalid };
}

/** URLSearchParams from a Request, as the raw record `parseSearchParams` takes. */
export function rawFromUrl(url: URL): RawSearchParams {
  const raw: RawSearchParams = {};
  for (const key of new Set(url.searchParams.keys())) raw[key] = url.searchParams.getAll(key);
  return raw;
}
