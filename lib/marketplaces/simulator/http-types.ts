// The simulator's request/response shapes, independent of node:http.

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body; undefined when there was none; `invalid` when it did not parse. */
  body: unknown;
  bodyInvalid: boolean;
  /** The body as received (form-encoded token requests). */
  rawBody?: string;
  /** scheme://host:port the client reached us on (for `next` links and absolute URLs). */
  origin: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is set. */
  body?: unknown;
  raw?: { contentType: string; text: string };
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SimResponse => ({
  status,
  body,
  headers,
});

export const cdnHtml = (status: number): SimResponse => ({
  status,
  raw: {
    contentType: "text/html; charset=UTF-8",
    text: `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>Error ${status}</h1><p>cloudflare</p></body></html>`,
  },
});

/**
 * RFC 3339 with an explicit +00:00 offset, as Back Market sends them: microseconds when there
 * is a fraction, none when the milliseconds are zero (live payloads vary the same way).
 */
export function bmDate(date: Date): string {
  // "…SS+00:00" or "…SS.mmm000+00:00" (microseconds, as Back Market writes them).
  const iso = date.toISOString();
  const ms = iso.slice(20, 23);
  return ms === "000" ? `${iso.slice(0, 19)}+00:00` : `${iso.slice(0, 19)}.${ms}000+00:00`;
}
