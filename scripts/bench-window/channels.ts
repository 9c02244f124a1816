// The channels bench:window places orders on and watches: how an order is placed there (the
// simulator's own API, as a customer buying), which answered request was a quantity update
// the channel received, which request was the new-order poll, and the channel's published
// request budget. A channel that pushes orders to us (a webhook) is one more entry here.

import {
  type ChannelLimits,
  isListingUpdate,
  publishedRateLimits,
} from "@/lib/marketplaces/simulator/rate-limits";
import type { ApiRequestRecord, Simulator } from "@/lib/marketplaces/simulator/server";
import type { SimulatorStore } from "@/lib/marketplaces/simulator/store";
import type { Channel } from "@/lib/marketplaces/simulator/types";

export interface BenchChannel {
  /** The simulator's channel; also the marketplace's provider in the bench database. */
  name: Channel;
  label: string;
  /** A customer buys `quantity` units of `sku` now. */
  placeOrder(sim: Simulator, sku: string, quantity: number): void;
  /** The quantity a listing was set to, when this answered request was such an update. */
  quantityUpdate(
    record: ApiRequestRecord,
    store: SimulatorStore,
  ): { sku: string; quantity: number } | null;
  /** Whether the request was a look for new orders (the poll whose cost we bound). */
  isNewOrderPoll(record: ApiRequestRecord): boolean;
  limits: ChannelLimits;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

export const benchChannels: readonly BenchChannel[] = [
  {
    name: "backmarket",
    label: "Back Market",
    placeOrder: (sim, sku, quantity) =>
      void sim.addOrder({ channel: "backmarket", lines: [{ sku, quantity, state: "paid" }] }),
    quantityUpdate(record, store) {
      if (record.status !== 200 || !isListingUpdate("backmarket", record)) return null;
      const id = record.path.replace(/^\/ws\/listings\//, "").replace(/\/$/, "");
      const listing = store.listings.find(
        (l) => l.bmListingId === id || String(l.bmLegacyListingId) === id,
      );
      const quantity = Number(asRecord(record.body).quantity);
      return listing && Number.isInteger(quantity) ? { sku: listing.sku, quantity } : null;
    },
    isNewOrderPoll: (record) =>
      record.method === "GET" &&
      /^\/ws\/orders\/?$/.test(record.path) &&
      new URLSearchParams(record.query).get("state") === "1",
    limits: publishedRateLimits.backmarket,
  },
  {
    name: "refurbed",
    label: "Refurbed",
    placeOrder: (sim, sku, quantity) =>
      void sim.addOrder({ channel: "refurbed", lines: [{ sku, quantity, state: "paid" }] }),
    quantityUpdate(record, store) {
      if (record.status !== 200 || !isListingUpdate("refurbed", record)) return null;
      const body = asRecord(record.body);
      const identifier = asRecord(body.identifier);
      const listing = store.listings.find(
        (l) =>
          (identifier.id !== undefined && l.rfOfferId === String(identifier.id)) ||
          (identifier.sku !== undefined && l.sku === identifier.sku),
      );
      const quantity = Number(body.stock);
      return listing && Number.isInteger(quantity) ? { sku: listing.sku, quantity } : null;
    },
    isNewOrderPoll: (record) => {
      if (!record.path.endsWith(".OrderService/ListOrders")) return false;
      const state = asRecord(asRecord(asRecord(record.body).filter).state).any_of;
      return Array.isArray(state) && state.length === 1 && state[0] === "NEW";
    },
    limits: publishedRateLimits.refurbed,
  },
];
