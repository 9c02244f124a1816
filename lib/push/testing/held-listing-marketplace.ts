// A stand-in for a marketplace's listing-update endpoint (Back Market's wire format, through the
// real client's `fetch` seam), whose sends the test holds and lets land one by one. What a
// listing shows is the quantity of the send that landed last; concurrent sends are counted.
import type { AdapterOptions } from "@/lib/marketplaces/factory";
import { fastTimings } from "@/lib/marketplaces/testing/fast-clients";

export interface HeldSend {
  listing: string;
  quantity: number;
  /** Lets the send land: the listing shows its quantity from then on. */
  land: () => void;
}

export interface HeldListingMarketplace {
  /** Pass to drainPushOutbox: the real Back Market client, talking to this stand-in. */
  adapterOptions: AdapterOptions;
  /** What each listing shows (the last landed send). */
  shown: Map<string, number>;
  /** While true, each send waits for `land()`; while false, sends land at once. */
  hold: boolean;
  /** While set, every send is answered with this HTTP status (and lands nowhere). */
  failStatus: number | null;
  /** The most sends of one listing that were on the way at the same time. */
  maxConcurrentPerListing: () => number;
  /** Resolves with the next held send (already started or not yet). */
  nextSend: () => Promise<HeldSend>;
}

export function heldListingMarketplace(): HeldListingMarketplace {
  const shown = new Map<string, number>();
  const active = new Map<string, number>();
  let maxConcurrent = 0;
  const held: HeldSend[] = [];
  const waiting: ((send: HeldSend) => void)[] = [];

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const match = /\/ws\/listings\/([^/]+)$/.exec(url.pathname);
    if (!match?.[1] || init?.method !== "POST") return new Response("{}", { status: 404 });
    if (market.failStatus !== null) return new Response("{}", { status: market.failStatus });
    const listing = decodeURIComponent(match[1]);
    const { quantity } = JSON.parse(String(init.body)) as { quantity: number };
    const now = (active.get(listing) ?? 0) + 1;
    active.set(listing, now);
    maxConcurrent = Math.max(maxConcurrent, now);
    if (market.hold) {
      await new Promise<void>((land) => {
        const send = { listing, quantity, land: () => land() };
        const waiter = waiting.shift();
        if (waiter) waiter(send);
        else held.push(send);
      });
    }
    shown.set(listing, quantity);
    active.set(listing, (active.get(listing) ?? 1) - 1);
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };

  const market: HeldListingMarketplace = {
    adapterOptions: {
      env: { SIM_TOKEN: "test-token" },
      timings: fastTimings({ timeoutMs: 60_000 }),
      fetch: fetchImpl,
    },
    shown,
    hold: false,
    failStatus: null,
    maxConcurrentPerListing: () => maxConcurrent,
    nextSend: () => {
      const send = held.shift();
      if (send) return Promise.resolve(send);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
  return market;
}
