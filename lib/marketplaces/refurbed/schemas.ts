// Refurbed merchant API (HTTP/JSON gateway of refb.merchant.v1): int64 ids as strings, enums as
// strings, money as strings, timestamps RFC 3339. Ints are accepted too; unknown fields ignored.
import { z } from "zod";
import {
  decimalString,
  idString,
  looseInt,
  marketplaceDate,
  optionalDate,
  optionalText,
  orderLines,
} from "../parse";

export const rfItemStates = [
  "NEW",
  "REJECTED",
  "CANCELLED",
  "ACCEPTED",
  "SHIPPED",
  "RETURNED",
] as const;
export type RfItemState = (typeof rfItemStates)[number];

export const rfAddressSchema = z.object({
  first_name: optionalText,
  family_name: optionalText,
  country_code: optionalText,
  town: optionalText,
  post_code: optionalText,
});

export const rfOrderItemSchema = z.object({
  id: idString,
  name: optionalText,
  state: z.enum(rfItemStates, { message: "unknown order-item state" }),
  /** May be empty: offers created without SKU. */
  sku: z
    .union([z.string(), z.null()])
    .optional()
    .transform((sku) => (sku ?? "").trim()),
  total_charged: decimalString.optional(),
  total_paid: decimalString.optional(),
  offer_data: z.object({ offer_id: idString.nullish() }).nullish(),
  parcel_tracking_url: optionalText,
});

export const rfOrderSchema = z.object({
  id: idString,
  released_at: marketplaceDate,
  state: z.string().min(1),
  currency_code: optionalText,
  total_charged: decimalString.optional(),
  shipping_address: rfAddressSchema.nullish(),
  // One item per unit: a lot of 250 units is 250 items.
  items: orderLines(rfOrderItemSchema, "unit"),
});

export const rfListOrdersSchema = z.object({
  orders: z
    .array(z.unknown())
    .nullish()
    .transform((orders) => orders ?? []),
  has_more: z.boolean().nullish(),
});

export const rfOfferSchema = z.object({
  id: idString,
  sku: z.string().trim().min(1, "offer without SKU"),
  stock: looseInt.pipe(z.number().int().nonnegative()),
});

export const rfListOffersSchema = z.object({
  offers: z
    .array(z.unknown())
    .nullish()
    .transform((offers) => offers ?? []),
  has_more: z.boolean().nullish(),
});

/** RF `OrderItemReturn` (ListOrderItemReturns). */
export const rfReturnSchema = z.object({
  id: idString,
  order_id: idString,
  order_item_id: idString,
  state: z.string().trim().min(1).max(40),
  return_initiated_at: optionalDate,
  delivered_at: optionalDate,
  tracking_number: optionalText,
});

export const rfListReturnsSchema = z.object({
  returns: z
    .array(z.unknown())
    .nullish()
    .transform((returns) => returns ?? []),
  has_more: z.boolean().nullish(),
});

export const rfShippingLabelsSchema = z.object({
  shipping_labels: z
    .array(z.object({ id: idString.nullish(), label_printer_url: optionalText }))
    .nullish()
    .transform((labels) => labels ?? []),
});

export type RfOrder = z.output<typeof rfOrderSchema>;
