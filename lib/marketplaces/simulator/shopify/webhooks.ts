// The simulated shop's webhook deliveries (NOTES (c)): each shop event, for every subscription
// of its topic (and the control API's extra target), POSTed as the topic's REST JSON with
// Shopify's headers, signed base64(HMAC-SHA256(client secret, raw body)). A delivery that is
// not answered 2xx is retried with backoff (8 attempts in all, like Shopify's, but quicker).
// On demand: every delivery sent twice, or deliveries held back and released in reverse.
import { createHmac, randomUUID } from "node:crypto";
import type { Logger } from "@/lib/log";
import type { Subscription } from "./resolvers";
import {
  displayStatuses,
  lineQuantities,
  type ShopEvent,
  type ShopOrder,
  SIM_SHOP_DOMAIN,
} from "./shop";

export interface WebhookDelivery {
  webhookId: string;
  eventId: string;
  topic: string;
  uri: string;
  body: string;
  triggeredAt: string;
  attempts: number;
  /** Last HTTP status (null: network error or not sent yet). */
  status: number | null;
  delivered: boolean;
}

export interface DeliveryModes {
  /** Send every delivery twice (same webhook id), as Shopify sometimes does. */
  duplicate: boolean;
  /** Keep deliveries back until `release` (to reorder them). */
  hold: boolean;
}

const TOPIC_ENUMS: Record<string, string> = {
  "orders/create": "ORDERS_CREATE",
  "orders/updated": "ORDERS_UPDATED",
  "orders/paid": "ORDERS_PAID",
  "orders/cancelled": "ORDERS_CANCELLED",
  "orders/fulfilled": "ORDERS_FULFILLED",
  "orders/partially_fulfilled": "ORDERS_PARTIALLY_FULFILLED",
  "refunds/create": "REFUNDS_CREATE",
  "inventory_levels/update": "INVENTORY_LEVELS_UPDATE",
};

export class WebhookDeliverer {
  readonly log: WebhookDelivery[] = [];
  readonly modes: DeliveryModes = { duplicate: false, hold: false };
  /** Extra target for every topic (set through the control API; e.g. the e2e app). */
  target: string | null = null;
  private held: WebhookDelivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly subscriptions: () => readonly Subscription[],
    private readonly secret: () => string,
    private readonly apiVersion: string,
    private readonly retryDelaysMs: readonly number[] = [
      100, 400, 1_000, 2_000, 4_000, 8_000, 15_000,
    ],
    private readonly logger?: Logger,
  ) {}

  /** Builds and sends (or holds) the deliveries of one shop event. */
  announce(event: ShopEvent): void {
    if (this.closed) return;
    const uris = new Set(
      this.subscriptions()
        .filter((s) => s.topic === TOPIC_ENUMS[event.topic])
        .map((s) => s.uri),
    );
    if (this.target) uris.add(this.target);
    if (uris.size === 0) return;
    const body = JSON.stringify(payloadOf(event));
    const eventId = randomUUID();
    for (const uri of uris) {
      const delivery: WebhookDelivery = {
        webhookId: randomUUID(),
        eventId,
        topic: event.topic,
        uri,
        body,
        triggeredAt: new Date().toISOString(),
        attempts: 0,
        status: null,
        delivered: false,
      };
      this.log.push(delivery);
      if (this.modes.hold) this.held.push(delivery);
      else this.dispatch(delivery);
    }
  }

  /** Sends the held deliveries, newest first when `reverse` (out-of-order arrival). */
  release(reverse = true): number {
    const held = reverse ? [...this.held].reverse() : this.held;
    this.held = [];
    this.modes.hold = false;
    for (const delivery of held) this.dispatch(delivery);
    return held.length;
  }

  /** Sends one logged delivery again, as is (a replay). */
  redeliver(webhookId: string): boolean {
    const delivery = this.log.find((d) => d.webhookId === webhookId);
    if (!delivery) return false;
    this.dispatch(delivery);
    return true;
  }

  /** Resolves when nothing is in flight (tests). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
  }

  private dispatch(delivery: WebhookDelivery): void {
    const copies = this.modes.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const sending = this.send(delivery, 0).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  private async send(delivery: WebhookDelivery, retry: number): Promise<void> {
    if (this.closed) return;
    delivery.attempts++;
    try {
      const response = await fetch(delivery.uri, {
        method: "POST",
        headers: this.headers(delivery),
        body: delivery.body,
        signal: AbortSignal.timeout(5_000),
      });
      delivery.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        delivery.delivered = true;
        return;
      }
    } catch (error) {
      delivery.status = null;
      this.logger?.debug({ err: error, uri: delivery.uri }, "simulated webhook delivery failed");
    }
    const wait = this.retryDelaysMs[retry];
    if (wait === undefined || this.closed) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
    await this.send(delivery, retry + 1);
  }

  private headers(delivery: WebhookDelivery): Record<string, string> {
    return {
      "Content-Type": "application/json",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Shop-Domain": SIM_SHOP_DOMAIN,
      "X-Shopify-API-Version": this.apiVersion,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", this.secret())
        .update(delivery.body, "utf8")
        .digest("base64"),
      "X-Shopify-Webhook-Id": delivery.webhookId,
      "X-Shopify-Event-Id": delivery.eventId,
      "X-Shopify-Triggered-At": delivery.triggeredAt,
    };
  }
}

/** The shop's own offset (+01:00, Paris in winter): REST dates are not in UTC. */
function shopDate(date: Date | null): string | null {
  if (!date) return null;
  const shifted = new Date(date.getTime() + 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+01:00`;
}

function orderPayload(order: ShopOrder) {
  const status = displayStatuses(order);
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: order.name,
    created_at: shopDate(order.createdAt),
    updated_at: shopDate(order.updatedAt),
    cancelled_at: shopDate(order.cancelledAt),
    cancel_reason: order.cancelledAt ? "customer" : null,
    closed_at: shopDate(order.closedAt),
    financial_status: status.financial.toLowerCase(),
    fulfillment_status:
      status.fulfillment === "FULFILLED"
        ? "fulfilled"
        : status.fulfillment === "PARTIALLY_FULFILLED"
          ? "partial"
          : null,
    line_items: order.lines.map((line) => ({
      id: line.id,
      admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
      sku: line.sku,
      quantity: line.quantity,
      current_quantity: lineQuantities(line).currentQuantity,
      fulfillable_quantity: lineQuantities(line).unfulfilledQuantity,
      variant_id: line.variantId,
      price: line.price,
    })),
    fulfillments: order.fulfilments.map((f) => ({
      id: f.id,
      created_at: shopDate(f.createdAt),
      line_items: f.lines.map((l) => ({ id: l.lineId, quantity: l.quantity })),
    })),
    refunds: order.refunds.map((r) => refundPayload(order, r)),
  };
}

function refundPayload(order: ShopOrder, refund: ShopOrder["refunds"][number]) {
  return {
    id: refund.id,
    order_id: order.id,
    created_at: shopDate(refund.createdAt),
    restock: refund.lines.some((l) => l.restockType !== "no_restock"),
    refund_line_items: refund.lines.map((l) => ({
      id: l.id,
      line_item_id: l.lineId,
      quantity: l.quantity,
      restock_type: l.restockType,
    })),
  };
}

function payloadOf(event: ShopEvent): unknown {
  switch (event.topic) {
    case "refunds/create":
      return refundPayload(event.order, event.refund);
    case "inventory_levels/update":
      return {
        inventory_item_id: event.inventoryItemId,
        location_id: event.locationId,
        available: event.available,
        updated_at: shopDate(event.at),
        admin_graphql_api_id: `gid://shopify/InventoryLevel/${event.inventoryItemId}?inventory_item_id=${event.inventoryItemId}`,
      };
    default:
      return orderPayload(event.order);
  }
}
