// The simulator's control API under /_simulator/: inject faults, add orders, advance lines,
// open care folders (with return labels), create or move Refurbed returns, read the recorded writes. For tests in other processes and for demos.
import { z } from "zod";
import { faultSchema } from "./faults";
import { json, type SimRequest, type SimResponse } from "./http-types";
import type { SimulatorControl } from "./server";
import {
  malformations,
  returnLabelKinds,
  returnLabelStates,
  rfReturnStates,
  simLineStates,
} from "./types";

const channelSchema = z.enum(["backmarket", "refurbed"]);

export const newOrderSchema = z.object({
  channel: channelSchema,
  lines: z
    .array(
      z.object({
        sku: z.string(),
        quantity: z.number().int().positive().optional(),
        state: z.enum(simLineStates).optional(),
        unitPrice: z
          .string()
          .regex(/^\d+(\.\d+)?$/)
          .optional(),
        name: z.string().optional(),
      }),
    )
    .min(1),
  createdAt: z.coerce.date().optional(),
  malformed: z.enum(malformations).nullish(),
  market: z.string().optional(),
});

const advanceSchema = z.object({
  state: z.enum(simLineStates),
  lineIds: z.array(z.number().int()).optional(),
});

const careSchema = z.object({
  orderLineId: z.number().int(),
  state: z.enum(["open", "closed"]).optional(),
  /** A claim with a return label: CUSTOMER_TO_MERCHANT is a parcel coming back. */
  returnLabel: z
    .object({
      kind: z.enum(returnLabelKinds),
      state: z.enum(returnLabelStates).default("ALIVE"),
    })
    .optional(),
});

const refurbedReturnSchema = z.object({
  orderLineId: z.number().int(),
  state: z.enum(rfReturnStates).default("INITIATED"),
});

export function handleControl(control: SimulatorControl, request: SimRequest): SimResponse {
  const { method } = request;
  const path = request.path.replace(/^\/_simulator/, "");
  const invalid = (error: z.ZodError) => json(400, { error: z.prettifyError(error) });
  try {
    if (method === "GET" && path === "/state") return json(200, control.summary());
    if (method === "POST" && path === "/tick") {
      control.tick();
      return json(200, control.summary());
    }
    if (method === "POST" && path === "/orders") {
      const parsed = newOrderSchema.safeParse(request.body);
      if (!parsed.success) return invalid(parsed.error);
      const order = control.addOrder(parsed.data);
      return json(201, {
        channel: order.channel,
        id: order.id,
        lineIds: order.lines.map((line) => line.id),
      });
    }
    const advance = /^\/orders\/(backmarket|refurbed)\/(\d+)\/lines$/.exec(path);
    if (method === "POST" && advance) {
      const parsed = advanceSchema.safeParse(request.body);
      if (!parsed.success) return invalid(parsed.error);
      const channel = channelSchema.parse(advance[1]);
      const order = control.advanceLines(
        channel,
        Number(advance[2]),
        parsed.data.state,
        parsed.data.lineIds,
      );
      return json(200, {
        channel,
        id: order.id,
        lines: order.lines.map(({ id, sku, state }) => ({ id, sku, state })),
      });
    }
    if (method === "POST" && path === "/care") {
      const parsed = careSchema.safeParse(request.body);
      if (!parsed.success) return invalid(parsed.error);
      const { orderLineId, state, returnLabel } = parsed.data;
      return json(201, control.addCareFolder(orderLineId, state, returnLabel));
    }
    if (method === "POST" && path === "/refurbed/returns") {
      const parsed = refurbedReturnSchema.safeParse(request.body);
      if (!parsed.success) return invalid(parsed.error);
      return json(201, control.setRefurbedReturn(parsed.data.orderLineId, parsed.data.state));
    }
    if (method === "POST" && path === "/faults") {
      const parsed = faultSchema.safeParse(request.body);
      if (!parsed.success) return invalid(parsed.error);
      return json(201, { id: control.injectFault(parsed.data) });
    }
    if (method === "DELETE" && path === "/faults") {
      control.clearFaults();
      return json(200, { cleared: true });
    }
    if (path === "/writes" && method === "GET") {
      const channel = request.query.get("channel");
      return json(200, {
        writes: control.writes(channel === null ? undefined : channelSchema.parse(channel)),
      });
    }
    if (path === "/writes" && method === "DELETE") {
      control.clearWrites();
      return json(200, { cleared: true });
    }
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
  return json(404, { error: `No control route ${method} ${request.path}` });
}
