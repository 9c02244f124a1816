// The channels bench:window places orders on and watches: how an order is placed there (the
// simulator's own API, as a customer buying), which answered request was a quantity update
// the channel received, which request was the new-order poll, and the channel's published
// request budget. Shopify pushes its orders to us (signed webhooks, see paths.ts) and is
// polled too; its budget is its cost bucket (points restored per second), not a request count.

import { demoShopify } from "@/lib/marketplaces/simulator/catalogue";
import {
  isListingUpdate,
  publishedRateLimits,
  type WindowLimit,
} from "@/lib/marketplaces/simulator/rate-limits";
import type { ApiRequestRecord, Simulator } from "@/lib/marketplaces/simulator/server";
import { standardPlanBucket } from "@/lib/marketplaces/simulator/shopify/cost";
import type { SimulatorStore } from "@/lib/marketplaces/simulator/store";
import type { BenchChannelName } from "./windows";

export interface BenchLimits {
  /** What the budget counts: requests, or cost points (Shopify's leaky bucket). */
  unit: "requests" | "points";
  /** So many units per window (Shopify: the bucket's restore rate per second). */
  requests: WindowLimit;
  /** Listing quantity updates (Back Market's ~2,000 SKU lines an hour). */
  listingUpdates?: WindowLimit;
}

export interface BenchChannel {
  /** The simulator's channel; also the marketplace's provider in the bench database. */
  name: BenchChannelName;
  label: string;
  /** A customer buys `quantity` units of `sku` now. */
  placeOrder(sim: Simulator, sku: string, quantity: number): void;
  /** The quantity a listing was set to, when this answered request was such an update. */
  quantityUpdate(
    record: ApiRequestRecord,
    store: SimulatorStore,
  ): { sku: string; quantity: number } | null;
  /** Quantities the channel itself recorded as written (instead of reading requests). */
  recordedUpdates?(sim: Simulator): { sku: string; quantity: number; atMs: number }[];
  /** Whether the request was a look for new orders (the poll whose cost we bound). */
  isNewOrderPoll(record: ApiRequestRecord): boolean;
  /** Budget units the request spent (1, or the cost points it took). */
  unitsOf(record: ApiRequestRecord): number;
  limits: BenchLimits;
}

/** The shop's location the bench marketplace sells from (its numeric id). */
const SHOP_LOCATION = Number(demoShopify.locationId.replace(/\D+/g, ""));

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
    unitsOf: () => 1,
    limits: { unit: "requests", ...publishedRateLimits.backmarket },
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
    unitsOf: () => 1,
    limits: { unit: "requests", ...publishedRateLimits.refurbed },
  },
  {
    name: "shopify",
    label: "Shopify",
    placeOrder: (sim, sku, quantity) =>
      void sim.shopify.shop.createOrder({ lines: [{ sku, quantity }] }),
    // Every `available` write is recorded by the shop with its time (a compare that failed
    // writes nothing, so only what the shop really showed counts).
    quantityUpdate: () => null,
    recordedUpdates: (sim) =>
      sim.shopify.shop.quantitySets
        .filter((set) => set.locationId === SHOP_LOCATION)
        .map((set) => ({ sku: set.sku, quantity: set.quantity, atMs: set.at.getTime() })),
    isNewOrderPoll: (record) => {
      const variables = asRecord(asRecord(record.body).variables);
      return typeof variables.query === "string" && variables.query.startsWith("status:open");
    },
    unitsOf: (record) => record.cost ?? 0,
    limits: {
      unit: "points",
      requests: { limit: standardPlanBucket.restoreRate, windowMs: 1_000 },
    },
  },
];
