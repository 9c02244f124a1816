// The simulated Admin API's resolvers: plain objects whose function fields graphql-js calls
// with their arguments. Orders sort by (updatedAt, id) with opaque cursors; inventory writes
// follow the version's compare-and-swap and idempotency rules (NOTES (b)).
import { GraphQLError, type GraphQLResolveInfo, Kind } from "graphql";
import { versionFamily } from "./sdl";
import { compareTerm, parseSearch } from "./search-query";
import {
  displayStatuses,
  lineQuantities,
  type ShopLine,
  type ShopOrder,
  SIM_LOCATIONS,
  SIM_SHOP_DOMAIN,
  type SimulatedShop,
} from "./shop";

export interface Subscription {
  id: string;
  topic: string;
  uri: string;
}

/** What lives beside the shop for its API: subscriptions and idempotency keys. */
export class ShopApiState {
  readonly subscriptions: Subscription[] = [];
  readonly idempotent = new Map<string, unknown>();
  private nextSubscriptionId = 1;
  newSubscriptionId(): string {
    return `gid://shopify/WebhookSubscription/${this.nextSubscriptionId++}`;
  }
}

export interface ResolverContext {
  shop: SimulatedShop;
  api: ShopApiState;
  version: string;
  variables: Record<string, unknown>;
}

const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;
const idOf = (type: string, value: unknown): number | null => {
  const match = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(String(value));
  return match ? Number(match[1]) : null;
};
const encode = (value: string) => Buffer.from(value).toString("base64url");
const decode = (cursor: unknown) => {
  if (typeof cursor !== "string" || cursor === "") return null;
  return Buffer.from(cursor, "base64url").toString("utf8");
};

/** A page of `items` after the cursor (cursors are item indexes, fine for fixed lists). */
function indexPage<T, R>(
  items: T[],
  args: { first?: number | null; after?: string | null },
  map: (item: T) => R,
) {
  const start = args.after ? Number(decode(args.after)) + 1 : 0;
  const first = Math.max(0, Math.min(args.first ?? 50, 250));
  const slice = items.slice(start, start + first);
  const end = start + slice.length - 1;
  return {
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      endCursor: slice.length ? encode(String(end)) : null,
      startCursor: slice.length ? encode(String(start)) : null,
    },
    nodes: slice.map(map),
  };
}

const locationNode = (id: number) => {
  const location = SIM_LOCATIONS.find((l) => l.id === id);
  return location
    ? { id: gid("Location", id), legacyResourceId: String(id), name: location.name, isActive: true }
    : null;
};

function lineNode(order: ShopOrder, line: ShopLine, currency = "EUR") {
  const q = lineQuantities(line);
  return {
    id: gid("LineItem", line.id),
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    currentQuantity: q.currentQuantity,
    unfulfilledQuantity: q.unfulfilledQuantity,
    refundableQuantity: q.currentQuantity,
    nonFulfillableQuantity: line.quantity - q.unfulfilledQuantity - line.fulfilled,
    originalUnitPriceSet: { shopMoney: { amount: line.price, currencyCode: currency } },
    variant: line.variantId
      ? { id: gid("ProductVariant", line.variantId), legacyResourceId: String(line.variantId) }
      : null,
    orderId: order.id,
  };
}

export function orderNode(order: ShopOrder) {
  const status = displayStatuses(order);
  const total = order.lines.reduce(
    (sum, line) => sum + Number(line.price) * lineQuantities(line).currentQuantity,
    0,
  );
  const lineById = new Map(order.lines.map((line) => [line.id, line]));
  return {
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    cancelReason: order.cancelledAt ? "CUSTOMER" : null,
    closedAt: order.closedAt?.toISOString() ?? null,
    displayFinancialStatus: status.financial,
    displayFulfillmentStatus: status.fulfillment,
    currencyCode: "EUR",
    totalPriceSet: { shopMoney: { amount: total.toFixed(2), currencyCode: "EUR" } },
    shippingAddress: {
      firstName: order.customer.firstName,
      lastName: order.customer.lastName,
      countryCodeV2: order.customer.country,
    },
    lineItems: (args: { first?: number; after?: string }) =>
      indexPage(order.lines, args, (line) => lineNode(order, line)),
    fulfillments: (args: { first?: number }) =>
      order.fulfilments.slice(0, args.first ?? 250).map((f) => ({
        id: gid("Fulfillment", f.id),
        status: "SUCCESS",
        createdAt: f.createdAt.toISOString(),
        fulfillmentLineItems: (page: { first?: number; after?: string }) =>
          indexPage(f.lines, page, (fl) => ({
            id: gid("FulfillmentLineItem", `${f.id}${fl.lineId}`),
            quantity: fl.quantity,
            lineItem: lineNode(order, lineById.get(fl.lineId) as ShopLine),
          })),
      })),
    refunds: (args: { first?: number }) =>
      order.refunds.slice(0, args.first ?? 250).map((r) => ({
        id: gid("Refund", r.id),
        createdAt: r.createdAt.toISOString(),
        refundLineItems: (page: { first?: number; after?: string }) =>
          indexPage(r.lines, page, (rl) => ({
            id: gid("RefundLineItem", rl.id),
            quantity: rl.quantity,
            restockType: rl.restockType.toUpperCase(),
            lineItem: lineNode(order, lineById.get(rl.lineId) as ShopLine),
          })),
      })),
  };
}

function matchesOrder(order: ShopOrder, query: string | null | undefined): boolean {
  const status = displayStatuses(order);
  return parseSearch(query).every((term) => {
    switch (term.field) {
      case "updated_at":
      case "created_at": {
        const wanted = Date.parse(term.value);
        if (Number.isNaN(wanted)) throw new GraphQLError(`Invalid date in query: ${term.value}`);
        const actual = (term.field === "updated_at" ? order.updatedAt : order.createdAt).getTime();
        return compareTerm(term.op, actual, wanted);
      }
      case "status":
        if (term.value === "any") return true;
        if (term.value === "open") return !order.closedAt && !order.cancelledAt;
        if (term.value === "cancelled") return order.cancelledAt !== null;
        return term.value === "closed" ? order.closedAt !== null : false;
      case "fulfillment_status": {
        const wanted = {
          unshipped: "UNFULFILLED",
          unfulfilled: "UNFULFILLED",
          partial: "PARTIALLY_FULFILLED",
          shipped: "FULFILLED",
          fulfilled: "FULFILLED",
        }[term.value.toLowerCase()];
        return wanted === status.fulfillment;
      }
      case "financial_status":
        return status.financial === term.value.toUpperCase();
      default:
        return true;
    }
  });
}

function ordersConnection(
  shop: SimulatedShop,
  args: { first?: number | null; after?: string | null; query?: string | null },
) {
  const first = args.first ?? 0;
  if (first < 1 || first > 250) throw new GraphQLError("first must be between 1 and 250");
  const key = (o: ShopOrder) => [o.updatedAt.getTime(), o.id] as const;
  const after = decode(args.after)?.split(":").map(Number);
  const sorted = [...shop.orders.values()]
    .filter((order) => matchesOrder(order, args.query))
    .sort((a, b) => key(a)[0] - key(b)[0] || a.id - b.id)
    .filter((order) => {
      if (!after) return true;
      const [t, id] = key(order);
      return t > (after[0] ?? 0) || (t === after[0] && id > (after[1] ?? 0));
    });
  const page = sorted.slice(0, first);
  const last = page.at(-1);
  return {
    pageInfo: {
      hasNextPage: sorted.length > first,
      hasPreviousPage: Boolean(after),
      endCursor: last ? encode(key(last).join(":")) : null,
      startCursor: page[0] ? encode(key(page[0]).join(":")) : null,
    },
    nodes: page.map(orderNode),
  };
}

function inventoryItemNode(shop: SimulatedShop, inventoryItemId: number) {
  const variant = shop.variants.find((v) => v.inventoryItemId === inventoryItemId);
  if (!variant) return null;
  const level = (locationId: number) => {
    const available = shop.available(inventoryItemId, locationId);
    if (available === undefined) return null;
    return {
      id: gid("InventoryLevel", `${inventoryItemId}${locationId}`),
      location: locationNode(locationId),
      quantities: ({ names }: { names: string[] }) =>
        names.map((name) => ({
          name,
          quantity:
            name === "available" ? available : name === "on_hand" ? Math.max(0, available) : 0,
        })),
    };
  };
  return {
    id: gid("InventoryItem", inventoryItemId),
    tracked: variant.tracked,
    sku: variant.sku,
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const id = idOf("Location", locationId);
      return id === null ? null : level(id);
    },
    inventoryLevels: (args: { first?: number; after?: string }) =>
      indexPage(
        SIM_LOCATIONS.map((l) => l.id).filter(
          (id) => shop.available(inventoryItemId, id) !== undefined,
        ),
        args,
        (id) => level(id),
      ),
  };
}

export function rootValue(context: ResolverContext) {
  const { shop, api } = context;
  return {
    shop: { name: "Stocklock demo shop", myshopifyDomain: SIM_SHOP_DOMAIN },
    location: ({ id }: { id: string }) => {
      const number = idOf("Location", id);
      return number === null ? null : locationNode(number);
    },
    locations: (args: { first: number }) =>
      indexPage(
        SIM_LOCATIONS.map((l) => l.id),
        args,
        (id) => locationNode(id),
      ),
    order: ({ id }: { id: string }) => {
      const number = idOf("Order", id);
      const order = number === null ? undefined : shop.orders.get(number);
      return order ? orderNode(order) : null;
    },
    orders: (args: { first?: number; after?: string; query?: string }) =>
      ordersConnection(shop, args),
    productVariants: (args: { first: number; after?: string; query?: string }) => {
      const sku = parseSearch(args.query).find((t) => t.field === "sku")?.value;
      const variants = shop.variants.filter((v) => sku === undefined || v.sku.includes(sku));
      return indexPage(variants, args, (v) => ({
        id: gid("ProductVariant", v.id),
        legacyResourceId: String(v.id),
        sku: v.sku,
        title: v.title,
        inventoryItem: inventoryItemNode(shop, v.inventoryItemId),
      }));
    },
    inventoryItem: ({ id }: { id: string }) => {
      const number = idOf("InventoryItem", id);
      return number === null ? null : inventoryItemNode(shop, number);
    },
    webhookSubscriptions: (args: { first: number; after?: string }) =>
      indexPage(api.subscriptions, args, (s) => s),
    webhookSubscriptionCreate: (args: {
      topic: string;
      webhookSubscription: { uri?: string | null; callbackUrl?: string | null };
    }) => {
      const uri = args.webhookSubscription.uri ?? args.webhookSubscription.callbackUrl ?? "";
      if (!/^https?:\/\//.test(uri)) {
        return {
          webhookSubscription: null,
          userErrors: [{ field: ["webhookSubscription", "uri"], message: "Address is invalid" }],
        };
      }
      if (api.subscriptions.some((s) => s.topic === args.topic && s.uri === uri)) {
        return {
          webhookSubscription: null,
          userErrors: [
            {
              field: ["webhookSubscription", "uri"],
              message: "Address for this topic has already been taken",
            },
          ],
        };
      }
      const subscription = { id: api.newSubscriptionId(), topic: args.topic, uri };
      api.subscriptions.push(subscription);
      return { webhookSubscription: subscription, userErrors: [] };
    },
    inventorySetQuantities: (
      args: { input: SetInput },
      _context: unknown,
      info: GraphQLResolveInfo,
    ) => setQuantities(context, args.input, idempotencyKey(context, info)),
  };
}

interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  ignoreCompareQuantity?: boolean | null;
  quantities: {
    inventoryItemId: string;
    locationId: string;
    quantity: number;
    compareQuantity?: number | null;
    changeFromQuantity?: number | null;
  }[];
}

const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_received",
  "movement_updated",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

function idempotencyKey(context: ResolverContext, info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key");
  if (!arg) return null;
  if (arg.value.kind === Kind.STRING) return arg.value.value;
  if (arg.value.kind === Kind.VARIABLE) {
    const value = context.variables[arg.value.name.value];
    return typeof value === "string" ? value : null;
  }
  return null;
}

function setQuantities(context: ResolverContext, input: SetInput, key: string | null) {
  const family = versionFamily(context.version);
  if (family === "final" && !key) {
    throw new GraphQLError("The @idempotent directive is required for this mutation.", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  if (key && context.api.idempotent.has(key)) return context.api.idempotent.get(key);
  const result = applySet(context, input, family);
  if (key) context.api.idempotent.set(key, result);
  return result;
}

function applySet(
  context: ResolverContext,
  input: SetInput,
  family: ReturnType<typeof versionFamily>,
) {
  const fail = (code: string, field: string[], message: string) => ({
    inventoryAdjustmentGroup: null,
    userErrors: [{ code, field, message }],
  });
  if (input.name !== "available" && input.name !== "on_hand") {
    return fail(
      "INVALID_NAME",
      ["input", "name"],
      "The quantity name must be available or on_hand.",
    );
  }
  if (!REASONS.has(input.reason))
    return fail("INVALID_REASON", ["input", "reason"], "The reason is invalid.");
  const checked: { item: number; location: number; quantity: number; previous: number }[] = [];
  for (const [index, q] of input.quantities.entries()) {
    const field = (name: string) => ["input", "quantities", String(index), name];
    const item = idOf("InventoryItem", q.inventoryItemId);
    const location = idOf("Location", q.locationId);
    if (item === null || !context.shop.variants.some((v) => v.inventoryItemId === item)) {
      return fail(
        "INVALID_INVENTORY_ITEM",
        field("inventoryItemId"),
        "The specified inventory item could not be found.",
      );
    }
    if (location === null)
      return fail(
        "INVALID_LOCATION",
        field("locationId"),
        "The specified location could not be found.",
      );
    const previous = context.shop.available(item, location);
    if (previous === undefined) {
      return fail(
        "ITEM_NOT_STOCKED_AT_LOCATION",
        field("locationId"),
        "The item is not stocked at the location.",
      );
    }
    if (q.quantity < 0 && input.name === "on_hand") {
      return fail(
        "INVALID_QUANTITY_NEGATIVE",
        field("quantity"),
        "The quantity can't be negative.",
      );
    }
    const stale = compareProblem(q, input, family, previous);
    if (stale === "missing") {
      throw new GraphQLError(
        "InventoryQuantityInput.changeFromQuantity is required (pass null to skip the check).",
        { extensions: { code: "BAD_USER_INPUT" } },
      );
    }
    if (stale) {
      return fail(
        stale,
        field(family === "legacy" ? "compareQuantity" : "changeFromQuantity"),
        "The specified compare quantity does not match the current quantity.",
      );
    }
    checked.push({ item, location, quantity: q.quantity, previous });
  }
  const changes = checked.map((c) => {
    context.shop.setAvailable(c.item, c.location, c.quantity, context.version);
    return { name: input.name, delta: c.quantity - c.previous, quantityAfterChange: c.quantity };
  });
  return {
    inventoryAdjustmentGroup: {
      id: gid("InventoryAdjustmentGroup", Date.now()),
      createdAt: context.shop.now().toISOString(),
      reason: input.reason,
      referenceDocumentUri: input.referenceDocumentUri ?? null,
      changes,
    },
    userErrors: [],
  };
}

/** Which compare failed (a code), "missing" (2026-04+ without changeFromQuantity), or null. */
function compareProblem(
  q: SetInput["quantities"][number],
  input: SetInput,
  family: ReturnType<typeof versionFamily>,
  current: number,
): string | "missing" | null {
  if (family !== "legacy" && "changeFromQuantity" in q) {
    return q.changeFromQuantity === null ||
      q.changeFromQuantity === undefined ||
      q.changeFromQuantity === current
      ? null
      : "CHANGE_FROM_QUANTITY_STALE";
  }
  if (family === "final") return "missing";
  if (input.ignoreCompareQuantity) return null;
  if (q.compareQuantity === null || q.compareQuantity === undefined) {
    throw new GraphQLError("compareQuantity is required unless ignoreCompareQuantity is true", {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return q.compareQuantity === current ? null : "COMPARE_QUANTITY_STALE";
}
