// Inputs of the /returns page's actions and of the order page's "record a return", parsed on
// the server.
import { z } from "zod";

const id = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .positive(`${what} must be positive`);

export const receiveReturnActionSchema = z.object({ returnId: id("return id") });
export type ReceiveReturnActionInput = z.input<typeof receiveReturnActionSchema>;

export const restockReturnActionSchema = z.object({
  returnId: id("return id"),
  /** Empty: restock as the SKU it was sold as. */
  asSku: z
    .string()
    .trim()
    .max(200, "a SKU is at most 200 characters")
    .transform((sku) => sku || null)
    .nullish(),
});
export type RestockReturnActionInput = z.input<typeof restockReturnActionSchema>;

export const writeOffReturnActionSchema = z.object({
  returnId: id("return id"),
  reason: z
    .string({ error: "give a reason" })
    .trim()
    .min(3, "give a reason (at least 3 characters)")
    .max(500, "keep the reason under 500 characters"),
});
export type WriteOffReturnActionInput = z.input<typeof writeOffReturnActionSchema>;

export const createReturnActionSchema = z.object({
  orderId: id("order id"),
  orderItemId: id("order item id"),
  quantity: id("quantity").max(10_000).optional(),
  note: z.string().trim().max(500, "keep the note under 500 characters").nullish(),
});
export type CreateReturnActionInput = z.input<typeof createReturnActionSchema>;
