// Back Market payloads as they arrive live (NOTES.md): snake_case or camelCase addresses,
// decimal strings, several date formats, ids as ints or strings. Unknown fields are ignored.
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

/** Order states (Table 5) and order-line states (Table 6) of the seller API. */
export const bmOrderStates = [0, 10, 1, 3, 8, 9] as const;
export const bmLineStates = [0, 9, 8, 1, 2, 3, 4, 5, 6, 7] as const;

const oneOf = <T extends number>(values: readonly T[], what: string) =>
  looseInt.refine((value): value is T => (values as readonly number[]).includes(value), {
    message: `unknown ${what}`,
  });

/** Live responses use snake_case, the spec camelCase: read both. */
export const bmAddressSchema = z
  .object({
    first_name: optionalText,
    firstName: optionalText,
    last_name: optionalText,
    lastName: optionalText,
    company: optionalText,
    street: optionalText,
    street2: optionalText,
    postal_code: optionalText,
    postalCode: optionalText,
    city: optionalText,
    country: optionalText,
    phone: optionalText,
    phoneNumber: optionalText,
    email: optionalText,
  })
  .transform((a) => ({
    firstName: a.first_name ?? a.firstName,
    lastName: a.last_name ?? a.lastName,
    company: a.company,
    street: a.street,
    street2: a.street2,
    postalCode: a.postal_code ?? a.postalCode,
    city: a.city,
    country: a.country,
    phone: a.phone ?? a.phoneNumber,
    email: a.email,
  }));

export const bmOrderLineSchema = z.object({
  id: idString,
  state: oneOf(bmLineStates, "order-line state"),
  /** The seller SKU. */
  listing: z.union([z.string(), z.null()]).transform((sku) => (sku ?? "").trim()),
  listing_id: idString.nullish(),
  product: optionalText,
  quantity: looseInt.pipe(z.number().int().positive("quantity must be positive")),
  /** Seen live as the line total, not the unit price. */
  price: decimalString.optional(),
  currency: optionalText,
  imei: optionalText,
  serial_number: optionalText,
});

export const bmOrderSchema = z.object({
  order_id: idString,
  state: oneOf(bmOrderStates, "order state"),
  date_creation: marketplaceDate,
  date_modification: optionalDate,
  date_payment: optionalDate,
  date_shipping: optionalDate,
  currency: optionalText,
  price: decimalString.optional(),
  shipping_address: bmAddressSchema.nullish(),
  delivery_note: optionalText,
  tracking_number: optionalText,
  tracking_url: optionalText,
  country_code: optionalText,
  orderlines: orderLines(bmOrderLineSchema),
});

/** `{count, next, previous, results}`: results stay raw so each is validated on its own. */
export const bmPageSchema = z.object({
  count: z.number().nullish(),
  next: z.string().nullish(),
  results: z.array(z.unknown()),
});

export const bmListingSchema = z.object({
  id: idString,
  listing_id: idString.nullish(),
  sku: z.string().trim().min(1, "listing without SKU"),
  quantity: looseInt.pipe(z.number().int().nonnegative()),
  publication_state: looseInt.nullish(),
});

export const bmCareFolderSchema = z.object({
  id: idString,
  orderline: idString,
  /** 0 open, 9 closed. */
  state: looseInt,
  date_creation: optionalDate,
  date_modification: optionalDate,
});

/** A claim's return label (BM `returnLabel`); kind CUSTOMER_TO_MERCHANT = a parcel coming back. */
export const bmReturnLabelSchema = z.object({
  kind: optionalText,
  state: optionalText,
});

/** GET /ws/sav/{id} (BM `getCareFolderDetailsResponse`): the claims and their return labels. */
export const bmCareFolderDetailsSchema = z.object({
  id: idString,
  state: looseInt,
  lines: z
    .array(
      z.object({
        id: idString,
        state: looseInt.nullish(),
        return_labels: z.array(bmReturnLabelSchema).max(50).nullish(),
      }),
    )
    .max(100, "more than 100 claims in one care folder")
    .nullish(),
});
export type BmCareFolderDetails = z.output<typeof bmCareFolderDetailsSchema>;

export const bmDeliverySchema = z.object({
  order: idString.nullish(),
  labelUrl: optionalText,
  dateCreation: optionalDate,
});

export type BmOrder = z.output<typeof bmOrderSchema>;
export type BmOrderLine = z.output<typeof bmOrderLineSchema>;
