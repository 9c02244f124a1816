// The marketplace-neutral order: what every adapter produces and what upsertOrder consumes.
import { z } from "zod";
import { type ItemStatus, itemStatuses, type OrderStatus } from "@/db/schema/enums";

const decimalString = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, "must be a decimal number");

export const normalizedOrderItemSchema = z.object({
  /** The marketplace's order-line id (unique within the order). */
  externalId: z.string().min(1),
  /** The seller SKU; may be empty (an unmapped line). */
  sku: z.string(),
  name: z.string().nullish(),
  quantity: z.number().int().positive(),
  unitPrice: decimalString.nullish(),
  status: z.enum(itemStatuses),
  /** The marketplace's raw line state code, kept beside the normalised status. */
  marketplaceState: z.string(),
  careId: z.string().nullish(),
});

export const normalizedOrderSchema = z.object({
  marketplaceId: z.number().int().positive(),
  externalId: z.string().min(1),
  marketplaceState: z.string(),
  orderedAt: z.coerce.date(),
  modifiedAt: z.coerce.date().nullish(),
  currency: z.string().length(3).nullish(),
  totalAmount: decimalString.nullish(),
  customerName: z.string().nullish(),
  shippingCountry: z.string().nullish(),
  labelUrl: z.string().nullish(),
  deliveryNoteUrl: z.string().nullish(),
  trackingNumber: z.string().nullish(),
  items: z.array(normalizedOrderItemSchema).min(1, "an order has at least one line"),
});

export type NormalizedOrderItem = z.infer<typeof normalizedOrderItemSchema>;
export type NormalizedOrder = z.infer<typeof normalizedOrderSchema>;

/**
 * An order's status from its lines: all lines alike → that status; any open line → the
 * least advanced open status; only final lines of different kinds → `partial`.
 */
export function deriveOrderStatus(statuses: readonly ItemStatus[]): OrderStatus {
  const distinct = new Set(statuses);
  if (distinct.size === 0) return "pending";
  if (distinct.size === 1) return statuses[0] as OrderStatus;
  for (const open of ["pending", "new", "accepted"] as const) {
    if (distinct.has(open)) return open;
  }
  return "partial";
}
