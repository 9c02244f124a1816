// Next.js 16 hands route handlers, server actions and the proxy the request's headers only: the
// TCP peer's address is not exposed, and Next fills X-Forwarded-For with it only when the client
// sent none, so any client can choose what that header says. This stamps the peer's address
// into a header of our own at the socket level, before Next sees the request, replacing
// whatever a client sent under that name. Node publishes `http.server.request.start` on its
// built-in diagnostics channel for every request of every http.Server in the process, before
// the server's handler runs. Node.js only (installed from instrumentation.ts).
import { subscribe } from "node:diagnostics_channel";

export const PEER_ADDRESS_HEADER = "x-stocklock-peer-address";

const INSTALLED = Symbol.for("stocklock.peerAddressStamp");
const registry = globalThis as { [INSTALLED]?: boolean };

interface RequestStart {
  request: { headers: Record<string, string | string[] | undefined> };
  socket?: { remoteAddress?: string };
}

function stamp(message: unknown): void {
  const { request, socket } = message as RequestStart;
  const address = socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
}

/** Starts stamping every incoming request of this process (idempotent). */
export function installPeerAddressStamp(): void {
  if (registry[INSTALLED]) return;
  subscribe("http.server.request.start", stamp);
  registry[INSTALLED] = true;
}

/**
 * Whether PEER_ADDRESS_HEADER can be believed: only once the stamp runs, since otherwise the
 * header is whatever the client sent.
 */
export function isPeerAddressStampInstalled(): boolean {
  return registry[INSTALLED] === true;
}
