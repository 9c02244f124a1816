// Shopify Admin GraphQL shapes (NOTES (a), (b)): GIDs as strings, DateTime in UTC, money as
// decimal strings. Unknown fields are ignored; what we rely on is checked, with bounds.
import { z } from "zod";
import { orderLimits } from "../limits";
import { decimalString, marketplaceDate, optionalDate, optionalText, orderLines } from "../parse";

const gid = (type: string) =>
  z
    .string()
    .max(200)
    .regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `not a ${type} id`);

/** The number at the end of a GID: gid://shopify/LineItem/1357 → "1357". */
export function gidNumber(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

const quantity = z
  .number()
  .int()
  .nonnegative()
  .max(orderLimits.maxLineQuantity, {
    message: `quantity above ${orderLimits.maxLineQuantity} units per line (the limit)`,
  });

const pageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().max(2_000).nullish(),
});

export const shopifyLineSchema = z
  .object({
    id: gid("LineItem"),
    sku: z
      .string()
      .nullish()
      .transform((sku) => (sku ?? "").trim()),
    name: optionalText,
    quantity,
    currentQuantity: quantity,
    unfulfilledQuantity: quantity,
    originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: decimalString }) }).nullish(),
  })
  .refine((line) => line.currentQuantity <= line.quantity, {
    message: "currentQuantity above quantity",
    path: ["currentQuantity"],
  })
  .refine((line) => line.unfulfilledQuantity <= line.currentQuantity, {
    message: "unfulfilledQuantity above currentQuantity",
    path: ["unfulfilledQuantity"],
  });
export type ShopifyLine = z.output<typeof shopifyLineSchema>;

export const lineConnectionSchema = z.object({
  pageInfo: pageInfoSchema,
  nodes: z.array(z.unknown()),
});

export const financialStatuses = [
  "AUTHORIZED",
  "EXPIRED",
  "PAID",
  "PARTIALLY_PAID",
  "PARTIALLY_REFUNDED",
  "PENDING",
  "REFUNDED",
  "VOIDED",
] as const;

export const shopifyOrderSchema = z.object({
  id: gid("Order"),
  legacyResourceId: z.union([z.string(), z.number()]).transform(String),
  name: optionalText,
  createdAt: marketplaceDate,
  updatedAt: marketplaceDate,
  cancelledAt: optionalDate,
  cancelReason: optionalText,
  displayFinancialStatus: z.enum(financialStatuses, { message: "unknown financial status" }),
  displayFulfillmentStatus: z.string().max(60),
  currencyCode: optionalText,
  totalPriceSet: z.object({ shopMoney: z.object({ amount: decimalString }) }).nullish(),
  shippingAddress: z
    .object({ firstName: optionalText, lastName: optionalText, countryCodeV2: optionalText })
    .nullish(),
  lineItems: z.object({
    pageInfo: pageInfoSchema,
    nodes: orderLines(shopifyLineSchema),
  }),
});
export type ShopifyOrder = z.output<typeof shopifyOrderSchema>;

export const ordersPageSchema = z.object({
  orders: z.object({ pageInfo: pageInfoSchema, nodes: z.array(z.unknown()) }),
});

export const orderEnvelopeSchema = z.object({ order: z.unknown().nullable() });

export const orderLinesSchema = z.object({
  order: z.object({ lineItems: lineConnectionSchema }).nullable(),
});

export const fulfilmentsSchema = z.object({
  order: z
    .object({
      fulfillments: z
        .array(
          z.object({
            status: z.string().max(60).nullish(),
            fulfillmentLineItems: z.object({
              pageInfo: z.object({ hasNextPage: z.boolean() }),
              nodes: z.array(z.object({ quantity, lineItem: z.object({ id: gid("LineItem") }) })),
            }),
          }),
        )
        .max(10),
    })
    .nullable(),
});

export const shopSchema = z.object({
  shop: z.object({ name: z.string(), myshopifyDomain: z.string() }),
  location: z.object({ id: z.string(), name: z.string(), isActive: z.boolean() }).nullable(),
});

const quantitiesSchema = z.array(z.object({ name: z.string(), quantity: z.number().int() }));

export const inventoryItemSchema = z.object({
  id: gid("InventoryItem"),
  tracked: z.boolean(),
  inventoryLevel: z.object({ quantities: quantitiesSchema }).nullable(),
});

export const variantsPageSchema = z.object({
  productVariants: z.object({ pageInfo: pageInfoSchema, nodes: z.array(z.unknown()) }),
});

export const variantSchema = z.object({
  id: gid("ProductVariant"),
  sku: z
    .string()
    .nullish()
    .transform((sku) => (sku ?? "").trim()),
  inventoryItem: inventoryItemSchema,
});

export const inventoryLevelSchema = z.object({ inventoryItem: inventoryItemSchema.nullable() });

export const setQuantitiesSchema = z.object({
  inventorySetQuantities: z.object({
    inventoryAdjustmentGroup: z.object({ id: z.string() }).loose().nullable(),
    userErrors: z.array(
      z.object({
        code: z.string().max(100).nullish(),
        message: z.string().max(2_000),
      }),
    ),
  }),
});

export const subscriptionsSchema = z.object({
  webhookSubscriptions: z.object({
    pageInfo: pageInfoSchema,
    nodes: z.array(z.object({ id: z.string(), topic: z.string(), uri: z.string().nullish() })),
  }),
});

export const subscriptionCreateSchema = z.object({
  webhookSubscriptionCreate: z.object({
    webhookSubscription: z.object({ id: z.string() }).nullable(),
    userErrors: z.array(z.object({ message: z.string().max(2_000) })),
  }),
});

/** The available quantity among an inventory level's named quantities. */
export function availableOf(quantities: z.output<typeof quantitiesSchema>): number | null {
  return quantities.find((q) => q.name === "available")?.quantity ?? null;
}
