// Back Market list endpoints: `{count, next, previous, results}` pages; follow `next` until it
// is null or a page comes back empty (NOTES.md, "Pagination"). The next page is requested as
// soon as this one's envelope is read, so the marketplace prepares it while the caller
// validates and stores this one (one page ahead, through the same throttled transport).
// A chain that repeats itself or never ends is cut by PagingGuard: the pages read are yielded
// first, then PagingStoppedError says why paging stopped.
import type { HttpTransport, Query } from "../http/transport";
import { PagingGuard } from "../paging-guard";
import { parseEnvelope } from "../parse";
import { bmPageSchema } from "./schemas";

export interface BackMarketPagesOptions {
  signal?: AbortSignal;
  maxPages: number;
  /** An item's id, so that a page of items already read stops the listing. */
  idOf?: (raw: unknown) => string | undefined;
}

export async function* backMarketPages(
  transport: HttpTransport,
  path: string,
  query: Query,
  options: BackMarketPagesOptions,
): AsyncIterable<unknown[]> {
  const fetchPage = (target: { path: string; query?: Query }) => {
    const request = transport.request({ method: "GET", ...target, signal: options.signal });
    // Surfaced when awaited below; not an unhandled rejection if the caller stops first.
    request.catch(() => {});
    return request;
  };
  const guard = new PagingGuard(`GET /${path}`, options.maxPages, options.idOf);
  let pending: Promise<unknown> | null = fetchPage({ path, query });
  while (pending) {
    const body: unknown = await pending;
    pending = null;
    const page = parseEnvelope(bmPageSchema, body, `GET ${path}`);
    if (page.results.length === 0) return;
    const step = guard.afterPage(page.results, page.next?.trim() || undefined);
    if (step.kind === "follow") pending = fetchPage({ path: step.cursor });
    yield page.results;
    if (step.kind === "stop") throw step.error;
  }
}
