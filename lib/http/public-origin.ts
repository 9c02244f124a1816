// The origins a browser may legitimately post from when no public URL is configured: the
// request's own, as far as the trusted proxies vouch for it.

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function lastEntry(value: string | null): string | null {
  const entries = (value ?? "").split(",").map((entry) => entry.trim());
  return entries.at(-1) || null;
}

/**
 * 0 hops: the browser spoke to this server directly, so its Origin must name the Host it sent
 * (http or https: a TLS terminator that forwards Host unchanged is indistinguishable). With
 * trusted proxies: the host and scheme the nearest proxy reports (X-Forwarded-Host/-Proto), or
 * Host when it sends none. An empty list when the host is malformed.
 */
export function requestOrigins(headers: Headers, hops: number): string[] {
  const forwardedHost = hops > 0 ? lastEntry(headers.get("x-forwarded-host")) : null;
  const host = (forwardedHost ?? headers.get("host") ?? "").toLowerCase();
  if (!HOST.test(host)) return [];
  if (hops === 0) return [`http://${host}`, `https://${host}`];
  const proto = lastEntry(headers.get("x-forwarded-proto"))?.toLowerCase();
  return [`${proto === "https" ? "https" : "http"}://${host}`];
}
