// The simulated Shopify shop's state: variants with their inventory items and levels per
// location, orders whose lines carry fulfilled and refunded unit counts (the current
// quantities Shopify derives from them), every `available` write with its time (the oversell
// bench reads these), and the events its webhooks announce.
import { type CatalogueEntry, demoCatalogue, demoShopify } from "../catalogue";

export const SIM_SHOP_DOMAIN = demoShopify.shopDomain;
export const SIM_LOCATIONS = [
  { id: 1, name: "Main warehouse" },
  { id: 2, name: "Shop floor" },
] as const;
const MAIN_LOCATION = 1;

export interface ShopVariant {
  id: number;
  inventoryItemId: number;
  sku: string;
  title: string;
  price: string;
  tracked: boolean;
}

export interface ShopLine {
  id: number;
  variantId: number | null;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  /** Units fulfilled so far (some may have been refunded afterwards). */
  fulfilled: number;
  refundedBeforeFulfilment: number;
  refundedAfterFulfilment: number;
}

export type RestockType = "cancel" | "return" | "no_restock";

export interface ShopFulfilment {
  id: number;
  createdAt: Date;
  lines: { lineId: number; quantity: number }[];
}

export interface ShopRefund {
  id: number;
  createdAt: Date;
  lines: { id: number; lineId: number; quantity: number; restockType: RestockType }[];
}

export interface ShopOrder {
  id: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  closedAt: Date | null;
  paid: boolean;
  voided: boolean;
  customer: { firstName: string; lastName: string; country: string };
  lines: ShopLine[];
  fulfilments: ShopFulfilment[];
  refunds: ShopRefund[];
}

/** An absolute write of `available` (the simulated Admin API's inventorySetQuantities). */
export interface QuantitySet {
  at: Date;
  sku: string;
  inventoryItemId: number;
  locationId: number;
  previous: number;
  quantity: number;
  apiVersion: string;
}

export type ShopEvent =
  | {
      topic: "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled";
      order: ShopOrder;
    }
  | { topic: "orders/fulfilled" | "orders/partially_fulfilled"; order: ShopOrder }
  | { topic: "refunds/create"; order: ShopOrder; refund: ShopRefund }
  | {
      topic: "inventory_levels/update";
      inventoryItemId: number;
      locationId: number;
      available: number;
      at: Date;
    };

export interface NewShopOrder {
  lines: { sku: string; quantity?: number }[];
  paid?: boolean;
  createdAt?: Date;
}

/** Derived line quantities, as Shopify's LineItem shows them. */
export function lineQuantities(line: ShopLine) {
  const refunded = line.refundedBeforeFulfilment + line.refundedAfterFulfilment;
  return {
    currentQuantity: line.quantity - refunded,
    unfulfilledQuantity: line.quantity - line.fulfilled - line.refundedBeforeFulfilment,
  };
}

export class SimulatedShop {
  readonly variants: ShopVariant[];
  readonly orders = new Map<number, ShopOrder>();
  /** `${inventoryItemId}:${locationId}` → available. */
  readonly levels = new Map<string, number>();
  readonly quantitySets: QuantitySet[] = [];
  private readonly listeners: ((event: ShopEvent) => void)[] = [];
  private nextOrderId = 5_678_900_001;
  private nextLineId = 13_570_001;
  private nextOtherId = 24_680_001;
  private nextName = 1001;

  constructor(
    readonly now: () => Date = () => new Date(),
    catalogue: readonly CatalogueEntry[] = demoCatalogue,
  ) {
    this.variants = catalogue.map((entry) => ({
      id: entry.shopifyVariantId,
      inventoryItemId: entry.shopifyInventoryItemId,
      sku: entry.sku,
      title: entry.name,
      price: entry.price,
      tracked: true,
    }));
    for (const [index, variant] of this.variants.entries()) {
      this.levels.set(
        levelKey(variant.inventoryItemId, MAIN_LOCATION),
        catalogue[index]?.stock ?? 0,
      );
      this.levels.set(levelKey(variant.inventoryItemId, 2), 0);
    }
  }

  onEvent(listener: (event: ShopEvent) => void): void {
    this.listeners.push(listener);
  }

  variantBySku(sku: string): ShopVariant | undefined {
    return this.variants.find((variant) => variant.sku === sku);
  }

  available(inventoryItemId: number, locationId: number): number | undefined {
    return this.levels.get(levelKey(inventoryItemId, locationId));
  }

  /** A customer's checkout: the order, its lines' units moved out of `available`. */
  createOrder(spec: NewShopOrder): ShopOrder {
    if (spec.lines.length === 0) throw new Error("an order needs at least one line");
    const at = spec.createdAt ?? this.now();
    const order: ShopOrder = {
      id: this.nextOrderId++,
      name: `#${this.nextName++}`,
      createdAt: at,
      updatedAt: at,
      cancelledAt: null,
      closedAt: null,
      paid: spec.paid ?? true,
      voided: false,
      customer: { firstName: "Emma", lastName: "Dubois", country: "FR" },
      lines: spec.lines.map((line) => {
        const variant = this.variantBySku(line.sku);
        return {
          id: this.nextLineId++,
          variantId: variant?.id ?? null,
          sku: line.sku,
          name: variant?.title ?? `Device ${line.sku}`,
          quantity: line.quantity ?? 1,
          price: variant?.price ?? "199.00",
          fulfilled: 0,
          refundedBeforeFulfilment: 0,
          refundedAfterFulfilment: 0,
        };
      }),
      fulfilments: [],
      refunds: [],
    };
    this.orders.set(order.id, order);
    for (const line of order.lines) this.adjustForLine(line, -line.quantity, at);
    this.emit({ topic: "orders/create", order });
    if (order.paid) this.emit({ topic: "orders/paid", order });
    return order;
  }

  markPaid(orderId: number): ShopOrder {
    const order = this.mustOrder(orderId);
    order.paid = true;
    this.touch(order);
    this.emit({ topic: "orders/paid", order });
    this.emit({ topic: "orders/updated", order });
    return order;
  }

  /** Fulfils units (every unfulfilled unit when `lines` is omitted). */
  fulfil(orderId: number, lines?: { lineId: number; quantity: number }[]): ShopOrder {
    const order = this.mustOrder(orderId);
    const wanted =
      lines ??
      order.lines.map((line) => ({
        lineId: line.id,
        quantity: lineQuantities(line).unfulfilledQuantity,
      }));
    const fulfilment: ShopFulfilment = { id: this.nextOtherId++, createdAt: this.now(), lines: [] };
    for (const { lineId, quantity } of wanted) {
      const line = this.mustLine(order, lineId);
      if (quantity <= 0) continue;
      if (quantity > lineQuantities(line).unfulfilledQuantity) {
        throw new Error(`line ${lineId} has fewer than ${quantity} units to fulfil`);
      }
      line.fulfilled += quantity;
      fulfilment.lines.push({ lineId, quantity });
    }
    if (fulfilment.lines.length === 0) throw new Error("nothing to fulfil");
    order.fulfilments.push(fulfilment);
    this.touch(order);
    const complete = order.lines.every((line) => lineQuantities(line).unfulfilledQuantity === 0);
    this.emit({ topic: complete ? "orders/fulfilled" : "orders/partially_fulfilled", order });
    this.emit({ topic: "orders/updated", order });
    return order;
  }

  /**
   * Refunds units: `cancel` takes unfulfilled units (restocked), `return` fulfilled ones
   * (restocked at the main location), `no_restock` fulfilled ones if any are left, otherwise
   * unfulfilled ones (not restocked).
   */
  refund(
    orderId: number,
    lines: { lineId: number; quantity: number; restockType: RestockType }[],
  ): ShopRefund {
    const order = this.mustOrder(orderId);
    const at = this.now();
    const refund: ShopRefund = { id: this.nextOtherId++, createdAt: at, lines: [] };
    for (const { lineId, quantity, restockType } of lines) {
      const line = this.mustLine(order, lineId);
      const { unfulfilledQuantity } = lineQuantities(line);
      const fulfilledKept = line.fulfilled - line.refundedAfterFulfilment;
      const afterFulfilment =
        restockType === "return" || (restockType === "no_restock" && fulfilledKept >= quantity);
      const room = afterFulfilment ? fulfilledKept : unfulfilledQuantity;
      if (quantity <= 0 || quantity > room) {
        throw new Error(`line ${lineId} has fewer than ${quantity} units to refund that way`);
      }
      if (afterFulfilment) line.refundedAfterFulfilment += quantity;
      else line.refundedBeforeFulfilment += quantity;
      if (restockType !== "no_restock") this.adjustForLine(line, quantity, at);
      refund.lines.push({ id: this.nextOtherId++, lineId, quantity, restockType });
    }
    order.refunds.push(refund);
    this.touch(order);
    this.emit({ topic: "refunds/create", order, refund });
    this.emit({ topic: "orders/updated", order });
    return refund;
  }

  /** Cancels the order: unfulfilled units are refunded and restocked (restock type cancel). */
  cancel(orderId: number): ShopOrder {
    const order = this.mustOrder(orderId);
    const open = order.lines
      .map((line) => ({ lineId: line.id, quantity: lineQuantities(line).unfulfilledQuantity }))
      .filter((line) => line.quantity > 0);
    if (open.length > 0) {
      this.refund(
        orderId,
        open.map((line) => ({ ...line, restockType: "cancel" as const })),
      );
    }
    if (!order.paid) order.voided = true;
    order.cancelledAt = this.now();
    order.closedAt = order.cancelledAt;
    this.touch(order);
    this.emit({ topic: "orders/cancelled", order });
    this.emit({ topic: "orders/updated", order });
    return order;
  }

  /** An absolute write of `available` through the Admin API (recorded with its time). */
  setAvailable(inventoryItemId: number, locationId: number, quantity: number, apiVersion: string) {
    const key = levelKey(inventoryItemId, locationId);
    const previous = this.levels.get(key) ?? 0;
    const at = this.now();
    this.levels.set(key, quantity);
    const sku = this.variants.find((v) => v.inventoryItemId === inventoryItemId)?.sku ?? "";
    this.quantitySets.push({
      at,
      sku,
      inventoryItemId,
      locationId,
      previous,
      quantity,
      apiVersion,
    });
    if (previous !== quantity) {
      this.emit({
        topic: "inventory_levels/update",
        inventoryItemId,
        locationId,
        available: quantity,
        at,
      });
    }
    return { previous, at };
  }

  private adjustForLine(line: ShopLine, delta: number, at: Date): void {
    const variant =
      line.variantId === null ? undefined : this.variants.find((v) => v.id === line.variantId);
    if (!variant) return;
    const key = levelKey(variant.inventoryItemId, MAIN_LOCATION);
    const available = (this.levels.get(key) ?? 0) + delta;
    this.levels.set(key, available);
    this.emit({
      topic: "inventory_levels/update",
      inventoryItemId: variant.inventoryItemId,
      locationId: MAIN_LOCATION,
      available,
      at,
    });
  }

  private touch(order: ShopOrder): void {
    const now = this.now();
    // updated_at always moves forward, even within one millisecond.
    order.updatedAt = new Date(Math.max(now.getTime(), order.updatedAt.getTime() + 1));
  }

  private emit(event: ShopEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  mustOrder(orderId: number): ShopOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no Shopify order ${orderId}`);
    return order;
  }

  private mustLine(order: ShopOrder, lineId: number): ShopLine {
    const line = order.lines.find((candidate) => candidate.id === lineId);
    if (!line) throw new Error(`order ${order.id} has no line ${lineId}`);
    return line;
  }
}

export function levelKey(inventoryItemId: number, locationId: number): string {
  return `${inventoryItemId}:${locationId}`;
}

/** Shopify's display statuses of an order. */
export function displayStatuses(order: ShopOrder) {
  const quantities = order.lines.map(lineQuantities);
  const current = quantities.reduce((sum, q) => sum + q.currentQuantity, 0);
  const refunded = order.lines.some((line) => lineQuantities(line).currentQuantity < line.quantity);
  const financial = order.voided
    ? "VOIDED"
    : !order.paid
      ? "PENDING"
      : current === 0 && refunded
        ? "REFUNDED"
        : refunded
          ? "PARTIALLY_REFUNDED"
          : "PAID";
  const anyFulfilled = order.lines.some((line) => line.fulfilled > 0);
  const unfulfilled = quantities.reduce((sum, q) => sum + q.unfulfilledQuantity, 0);
  const fulfillment = !anyFulfilled
    ? "UNFULFILLED"
    : unfulfilled === 0
      ? "FULFILLED"
      : "PARTIALLY_FULFILLED";
  return { financial, fulfillment };
}
