// The control API of the simulated shop, under /_simulator/shopify/: sales, payments,
// fulfilments, refunds and cancellations; the bucket; token expiry; webhook target, duplicates,
// holding and reordering; the recorded `available` writes (with their times) and deliveries.
import { z } from "zod";
import { json, type SimRequest, type SimResponse } from "../http-types";
import type { ShopifySim } from "./index";
import type { ShopOrder } from "./shop";

const orderSchema = z.object({
  lines: z
    .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive().optional() }))
    .min(1),
  paid: z.boolean().optional(),
});
const fulfilSchema = z.object({
  lines: z
    .array(z.object({ lineId: z.number().int(), quantity: z.number().int().positive() }))
    .optional(),
});
const refundSchema = z.object({
  lines: z
    .array(
      z.object({
        lineId: z.number().int(),
        quantity: z.number().int().positive(),
        restockType: z.enum(["cancel", "return", "no_restock"]),
      }),
    )
    .min(1),
});
const bucketSchema = z.object({
  maximumAvailable: z.number().positive().optional(),
  restoreRate: z.number().nonnegative().optional(),
  currentlyAvailable: z.number().optional(),
});
const webhookSchema = z.object({
  target: z.url().nullish(),
  duplicate: z.boolean().optional(),
  hold: z.boolean().optional(),
  release: z.enum(["reverse", "in_order"]).optional(),
  redeliver: z.string().optional(),
});

export function orderSummary(order: ShopOrder) {
  return { id: order.id, name: order.name, lineIds: order.lines.map((line) => line.id) };
}

export function handleShopifyControl(sim: ShopifySim, request: SimRequest): SimResponse | null {
  const path = request.path.replace(/^\/_simulator\/shopify/, "");
  const { method } = request;
  const parse = <S extends z.ZodType>(schema: S): z.output<S> => {
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ControlError(z.prettifyError(parsed.error));
    return parsed.data;
  };
  try {
    if (method === "POST" && path === "/orders") {
      return json(201, orderSummary(sim.shop.createOrder(parse(orderSchema))));
    }
    const action = /^\/orders\/(\d+)\/(pay|fulfil|refund|cancel)$/.exec(path);
    if (method === "POST" && action) {
      const id = Number(action[1]);
      if (action[2] === "pay") return json(200, orderSummary(sim.shop.markPaid(id)));
      if (action[2] === "fulfil")
        return json(200, orderSummary(sim.shop.fulfil(id, parse(fulfilSchema).lines)));
      if (action[2] === "cancel") return json(200, orderSummary(sim.shop.cancel(id)));
      return json(200, { refundId: sim.shop.refund(id, parse(refundSchema).lines).id });
    }
    if (method === "POST" && path === "/bucket") {
      sim.bucket.configure(parse(bucketSchema));
      return json(200, sim.bucket.status());
    }
    if (method === "POST" && path === "/tokens/expire") {
      sim.tokens.expireAll();
      return json(200, { expired: true });
    }
    if (method === "POST" && path === "/webhooks") {
      const input = parse(webhookSchema);
      if (input.target !== undefined) sim.webhooks.target = input.target;
      if (input.duplicate !== undefined) sim.webhooks.modes.duplicate = input.duplicate;
      if (input.hold !== undefined) sim.webhooks.modes.hold = input.hold;
      const released = input.release ? sim.webhooks.release(input.release === "reverse") : 0;
      if (input.redeliver && !sim.webhooks.redeliver(input.redeliver)) {
        return json(404, { error: `no delivery ${input.redeliver}` });
      }
      return json(200, { ...sim.webhooks.modes, target: sim.webhooks.target, released });
    }
    if (method === "GET" && path === "/webhooks") {
      return json(
        200,
        sim.webhooks.log.map(({ body: _body, ...delivery }) => delivery),
      );
    }
    if (method === "GET" && path === "/inventory-sets") {
      return json(200, sim.shop.quantitySets);
    }
    if (method === "GET" && path === "/inventory") {
      return json(
        200,
        sim.shop.variants.map((v) => ({
          sku: v.sku,
          inventoryItemId: `gid://shopify/InventoryItem/${v.inventoryItemId}`,
          available: sim.shop.available(v.inventoryItemId, 1) ?? null,
        })),
      );
    }
    return null;
  } catch (error) {
    return json(error instanceof ControlError ? 400 : 409, { error: (error as Error).message });
  }
}

class ControlError extends Error {}
