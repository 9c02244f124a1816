// Back Market list endpoints: `{count, next, previous, results}` pages; follow `next` until it
// is null or a page comes back empty (NOTES.md, "Pagination").
import type { HttpTransport, Query } from "../http/transport";
import { parseEnvelope } from "../parse";
import { bmPageSchema } from "./schemas";

export async function* backMarketPages(
  transport: HttpTransport,
  path: string,
  query: Query,
  signal?: AbortSignal,
): AsyncIterable<unknown[]> {
  let next: { path: string; query?: Query } | null = { path, query };
  const visited = new Set<string>();
  while (next) {
    const body: unknown = await transport.request({ method: "GET", ...next, signal });
    const page = parseEnvelope(bmPageSchema, body, `GET ${path}`);
    if (page.results.length === 0) return;
    yield page.results;
    const link: string | undefined = page.next?.trim();
    // A marketplace that links a page to itself would loop forever: stop instead.
    if (!link || visited.has(link)) return;
    visited.add(link);
    next = { path: link };
  }
}
