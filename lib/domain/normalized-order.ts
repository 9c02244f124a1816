// The marketplace-neutral order: what every adapter produces and what upsertOrder consumes.
import { z } from "zod";
import { type ItemStatus, itemStatuses, type OrderStatus } from "./enums";
import { orderLimits } from "./order-limits";

const decimalString = z
  .string()
  .trim()
  .regex(
    new RegExp(`^-?\\d{1,${orderLimits.maxAmountDigits}}(\\.\\d{1,6})?$`),
    `must be a decimal number of at most ${orderLimits.maxAmountDigits} integer digits`,
  );

/** A string no longer than `max` characters, with a message that names the bound. */
const bounded = (max: number) =>
  z.string().max(max, `longer than ${max} characters (the limit for this field)`);
const code = bounded(orderLimits.maxCodeLength);
const name = bounded(orderLimits.maxNameLength);
const url = bounded(orderLimits.maxUrlLength);

export const normalizedOrderItemSchema = z.object({
  /** The marketplace's order-line id (unique within the order). */
  externalId: code.min(1),
  /** The seller SKU; may be empty (an unmapped line). */
  sku: code,
  name: name.nullish(),
  quantity: z
    .number()
    .int()
    .positive()
    .max(
      orderLimits.maxLineQuantity,
      `quantity above ${orderLimits.maxLineQuantity} units per line (the limit); nothing is locked for this order`,
    ),
  unitPrice: decimalString.nullish(),
  status: z.enum(itemStatuses),
  /** The marketplace's raw line state code, kept beside the normalised status. */
  marketplaceState: code,
  careId: code.nullish(),
});

export const normalizedOrderSchema = z.object({
  marketplaceId: z.number().int().positive(),
  externalId: code.min(1),
  // Lines first: the first issue is the one reported, and a line's quantity says more than
  // the order total it inflates.
  items: z
    .array(normalizedOrderItemSchema)
    .min(1, "an order has at least one line")
    .max(
      orderLimits.maxItemsPerOrder,
      `more than ${orderLimits.maxItemsPerOrder} items (the limit per order)`,
    ),
  marketplaceState: code,
  orderedAt: z.coerce.date(),
  modifiedAt: z.coerce.date().nullish(),
  currency: z.string().length(3).nullish(),
  totalAmount: decimalString.nullish(),
  customerName: name.nullish(),
  shippingCountry: code.nullish(),
  labelUrl: url.nullish(),
  deliveryNoteUrl: url.nullish(),
  trackingNumber: code.nullish(),
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
