// Raw order payload → OrderResult: validate the provider's shape, map it, then check the mapped
// order against the neutral schema too (e.g. an order without lines is reported, not stored).
import type { z } from "zod";
import { type NormalizedOrder, normalizedOrderSchema } from "@/lib/domain/normalized-order";
import type { OrderResult } from "./adapter";
import { parsePayload } from "./parse";

export function toOrderResult<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  map: (parsed: z.output<S>) => NormalizedOrder,
  idOf: (raw: unknown) => string | undefined,
): OrderResult {
  const parsed = parsePayload(schema, raw, idOf);
  if (!parsed.ok) return parsed;
  const normalized = parsePayload(normalizedOrderSchema, map(parsed.data), () => idOf(raw));
  if (!normalized.ok) return normalized;
  return { ok: true, order: normalized.data };
}

/** Yields each result once per iteration, by external id (marketplaces repeat orders across pages). */
export async function* uniqueOrders(
  source: AsyncIterable<OrderResult>,
): AsyncIterable<OrderResult> {
  const seen = new Set<string>();
  for await (const result of source) {
    const id = result.ok ? result.order.externalId : result.failure.externalId;
    const key = `${result.ok ? "order" : "failure"}:${id}`;
    if (id !== "?" && seen.has(key)) continue;
    seen.add(key);
    yield result;
  }
}
