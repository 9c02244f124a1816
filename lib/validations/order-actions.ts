// Inputs of the order page's actions (release a lock, resync the order), parsed on the server.
import { z } from "zod";

const id = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .positive(`${what} must be positive`);

export const releaseLockActionSchema = z.object({
  orderId: id("order id"),
  lockId: id("lock id"),
  reason: z
    .string({ error: "give a reason" })
    .trim()
    .min(3, "give a reason (at least 3 characters)")
    .max(500, "keep the reason under 500 characters"),
});
export type ReleaseLockActionInput = z.input<typeof releaseLockActionSchema>;

export const resyncOrderActionSchema = z.object({ orderId: id("order id") });
export type ResyncOrderActionInput = z.input<typeof resyncOrderActionSchema>;
