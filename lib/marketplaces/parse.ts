// Tolerant parsing shared by the providers: primitives that accept every shape the live APIs
// send (NOTES.md "Spec vs reality"), and the "report and skip" wrapper around zod.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ParseFailure } from "./adapter";
import { orderLimits } from "./limits";

/**
 * An order's lines as the marketplace lists them: at most `maxLinesPerOrder` lines, or, where
 * the marketplace lists one entry per unit (Refurbed's order items), `maxItemsPerOrder` units.
 */
export function orderLines<S extends z.ZodType>(line: S, each: "line" | "unit" = "line") {
  const [max, what] =
    each === "line"
      ? [orderLimits.maxLinesPerOrder, "lines"]
      : [orderLimits.maxItemsPerOrder, "items"];
  return z.array(line).max(max, { message: `more than ${max} ${what} (the limit per order)` });
}

/** Ids arrive as ints, int64 strings or UUIDs: keep them as strings. */
export const idString = z.union([z.string().trim().min(1), z.number().int()]).transform(String);

/** Money and other decimals: "229.0", "229", 229.5 → a decimal string; "" and null → null. */
export const decimalString = z.union([z.string(), z.number(), z.null()]).transform((value, ctx) => {
  if (value === null) return null;
  const text = String(value).trim().replace(",", ".");
  if (text === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: `not a decimal number: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return text;
});

/** An integer that may arrive as a string ("2"). */
export const looseInt = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
  ])
  .transform(Number);

const dateLike =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Dates as RFC 3339 with any fractional precision and offset, `YYYY-MM-DD HH:MM:SS` (read as
 * UTC), or a bare date. Rejects what does not look like a date instead of guessing.
 */
export function parseMarketplaceDate(value: string): Date | null {
  const match = dateLike.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Built from numbers (Date.UTC) rather than re-parsed from a string: every order of every
  // listed page carries several dates.
  const ms = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, Math.min(ms, 999));
  if (new Date(time).getUTCDate() !== day) return null; // 31 February and the like
  if (zone.toUpperCase() !== "Z") {
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!offset) return null;
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    if (Number(offset[2]) > 23 || Number(offset[3]) > 59) return null;
    time -= (offset[1] === "-" ? -1 : 1) * minutes * 60_000;
  }
  return new Date(time);
}

export const marketplaceDate = z.string().transform((value, ctx) => {
  const date = parseMarketplaceDate(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: `not a date: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return date;
});

/** An optional date: null, "" and missing all mean "none". */
export const optionalDate = z
  .union([z.literal(""), z.null(), marketplaceDate])
  .optional()
  .transform((value) => (value instanceof Date ? value : null));

/** A string that may be null or missing; trimmed, "" → null. */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => {
    const text = value?.trim();
    return text ? text : null;
  });

export type Parsed<T> = { ok: true; data: T } | { ok: false; failure: ParseFailure };

/**
 * Validates one payload. On failure the first issue becomes a ParseFailure naming the order
 * (read from the raw payload with `idOf`), the path and the message.
 */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  idOf: (raw: unknown) => string | undefined,
): Parsed<z.output<S>> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  // Clipped: the failure is stored on the run, and the payload may carry any length of text.
  return {
    ok: false,
    failure: {
      externalId: clip(idOf(payload) ?? "?", orderLimits.maxCodeLength),
      path: clip(issue?.path.map(String).join(".") ?? "", orderLimits.maxCodeLength),
      message: clip(issue ? issue.message : "invalid payload", orderLimits.maxNameLength),
    },
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Reads `payload[key]` as an id string when the payload is an object. */
export function rawId(payload: unknown, ...keys: string[]): string | undefined {
  if (!payload || typeof payload !== "object") return undefined;
  for (const key of keys) {
    const value = (payload as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

/** Validates a page or response envelope; a wrong shape fails the call (nothing to skip). */
export function parseEnvelope<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError(
    "unavailable",
    `${what}: unexpected response shape (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`,
  );
}
