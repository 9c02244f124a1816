// Back Market list endpoints: `{count, next, previous, results}` pages; follow `next` until it
// is null or a page comes back empty (NOTES.md, "Pagination"). The next page is requested as
// soon as this one's envelope is read, so the marketplace prepares it while the caller
// validates and stores this one (one page ahead, through the same throttled transport).
import type { HttpTransport, Query } from "../http/transport";
import { parseEnvelope } from "../parse";
import { bmPageSchema } from "./schemas";

export async function* backMarketPages(
  transport: HttpTransport,
  path: string,
  query: Query,
  signal?: AbortSignal,
): AsyncIterable<unknown[]> {
  const fetchPage = (target: { path: string; query?: Query }) => {
    const request = transport.request({ method: "GET", ...target, signal });
    // Surfaced when awaited below; not an unhandled rejection if the caller stops first.
    request.catch(() => {});
    return request;
  };
  let pending: Promise<unknown> | null = fetchPage({ path, query });
  const visited = new Set<string>();
  while (pending) {
    const body: unknown = await pending;
    pending = null;
    const page = parseEnvelope(bmPageSchema, body, `GET ${path}`);
    if (page.results.length === 0) return;
    const link: string | undefined = page.next?.trim();
    // A marketplace that links a page to itself would loop forever: stop instead.
    if (link && !visited.has(link)) {
      visited.add(link);
      pending = fetchPage({ path: link });
    }
    yield page.results;
  }
}
