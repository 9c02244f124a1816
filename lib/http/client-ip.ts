// Which address a request comes from, counting only the proxies the operator declared
// (TRUSTED_PROXY_HOPS). Everything left of them in X-Forwarded-For is written by the client.
import { isIP } from "node:net";
import { isPeerAddressStampInstalled, PEER_ADDRESS_HEADER } from "./peer-address";

/**
 * The resolved client address, set by the auth route and the sign-in action on the copy of the
 * headers they hand to better-auth (always replacing a client-sent value).
 */
export const CLIENT_IP_HEADER = "x-stocklock-client-ip";

/** `::ffff:1.2.3.4` → `1.2.3.4`, `1.2.3.4:5678` → `1.2.3.4`; anything not an address → null. */
export function normalizeIp(value: string | null | undefined): string | null {
  const trimmed = value?.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  if (!trimmed) return null;
  const candidate = trimmed
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return isIP(candidate) ? candidate.toLowerCase() : null;
}

/**
 * The client's address. With 0 hops it is the TCP peer and X-Forwarded-For is ignored. With N
 * hops each trusted proxy appended the address it received from, so the client is the N-th
 * entry from the end; with fewer entries, the first one (our proxies wrote all of them).
 */
export function resolveClientIp(input: {
  forwardedFor: string | null;
  peer: string | null;
  hops: number;
}): string | null {
  if (input.hops === 0) return normalizeIp(input.peer);
  const entries = (input.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return normalizeIp(input.peer);
  return normalizeIp(entries[Math.max(0, entries.length - input.hops)]);
}

/** The client address of a request as this process received it (see peer-address.ts). */
export function clientIpFromHeaders(headers: Headers, hops: number): string | null {
  const peer = isPeerAddressStampInstalled() ? headers.get(PEER_ADDRESS_HEADER) : null;
  return resolveClientIp({ forwardedFor: headers.get("x-forwarded-for"), peer, hops });
}

/** A copy of the headers whose CLIENT_IP_HEADER is the resolved address (or absent). */
export function withClientIpHeader(headers: Headers, hops: number): Headers {
  const copy = new Headers(headers);
  const ip = clientIpFromHeaders(headers, hops);
  if (ip) copy.set(CLIENT_IP_HEADER, ip);
  else copy.delete(CLIENT_IP_HEADER);
  return copy;
}
