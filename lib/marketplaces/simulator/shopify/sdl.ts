// The Admin API schema subset the simulated shop serves, per version family (NOTES (b)):
// ≤ 2025-10 `compareQuantity` + `ignoreCompareQuantity` and no @idempotent; 2026-01 adds
// `changeFromQuantity` and @idempotent; from 2026-04 the old compare fields are gone (and
// `changeFromQuantity` and the key are mandatory, checked when the mutation runs).
export type VersionFamily = "legacy" | "transition" | "final";

export function versionFamily(version: string): VersionFamily {
  if (version < "2026-01") return "legacy";
  return version < "2026-04" ? "transition" : "final";
}

const common = `
scalar DateTime
scalar Decimal
scalar URL

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! endCursor: String startCursor: String }
type MoneyV2 { amount: Decimal! currencyCode: String! }
type MoneyBag { shopMoney: MoneyV2! }

type Shop { name: String! myshopifyDomain: String! }
type Location { id: ID! legacyResourceId: String! name: String! isActive: Boolean! }
type LocationConnection { pageInfo: PageInfo! nodes: [Location!]! }

type MailingAddress { firstName: String lastName: String countryCodeV2: String }

type ProductVariantRef { id: ID! legacyResourceId: String! }
type LineItem {
  id: ID! sku: String name: String! quantity: Int! currentQuantity: Int!
  unfulfilledQuantity: Int! refundableQuantity: Int! nonFulfillableQuantity: Int!
  originalUnitPriceSet: MoneyBag! variant: ProductVariantRef
}
type LineItemConnection { pageInfo: PageInfo! nodes: [LineItem!]! }

type FulfillmentLineItem { id: ID! quantity: Int! lineItem: LineItem! }
type FulfillmentLineItemConnection { pageInfo: PageInfo! nodes: [FulfillmentLineItem!]! }
type Fulfillment {
  id: ID! status: String! createdAt: DateTime!
  fulfillmentLineItems(first: Int, after: String): FulfillmentLineItemConnection!
}

type RefundLineItem { id: ID! quantity: Int! restockType: String! lineItem: LineItem! }
type RefundLineItemConnection { pageInfo: PageInfo! nodes: [RefundLineItem!]! }
type Refund {
  id: ID! createdAt: DateTime!
  refundLineItems(first: Int, after: String): RefundLineItemConnection!
}

enum OrderSortKeys { CREATED_AT UPDATED_AT ID }
type Order {
  id: ID! legacyResourceId: String! name: String! createdAt: DateTime! updatedAt: DateTime!
  cancelledAt: DateTime cancelReason: String closedAt: DateTime
  displayFinancialStatus: String! displayFulfillmentStatus: String!
  currencyCode: String! totalPriceSet: MoneyBag! shippingAddress: MailingAddress
  lineItems(first: Int, after: String): LineItemConnection!
  fulfillments(first: Int): [Fulfillment!]!
  refunds(first: Int): [Refund!]!
}
type OrderConnection { pageInfo: PageInfo! nodes: [Order!]! }

type InventoryQuantity { name: String! quantity: Int! }
type InventoryLevel { id: ID! location: Location! quantities(names: [String!]!): [InventoryQuantity!]! }
type InventoryLevelConnection { pageInfo: PageInfo! nodes: [InventoryLevel!]! }
type InventoryItem {
  id: ID! tracked: Boolean! sku: String
  inventoryLevel(locationId: ID!): InventoryLevel
  inventoryLevels(first: Int, after: String): InventoryLevelConnection!
}
type ProductVariant { id: ID! legacyResourceId: String! sku: String title: String! inventoryItem: InventoryItem! }
type ProductVariantConnection { pageInfo: PageInfo! nodes: [ProductVariant!]! }

enum WebhookSubscriptionTopic {
  ORDERS_CREATE ORDERS_UPDATED ORDERS_PAID ORDERS_CANCELLED ORDERS_FULFILLED
  ORDERS_PARTIALLY_FULFILLED REFUNDS_CREATE INVENTORY_LEVELS_UPDATE
}
enum WebhookSubscriptionFormat { JSON XML }
input WebhookSubscriptionInput { uri: String callbackUrl: URL format: WebhookSubscriptionFormat }
type WebhookSubscription { id: ID! topic: WebhookSubscriptionTopic! uri: String! }
type WebhookSubscriptionConnection { pageInfo: PageInfo! nodes: [WebhookSubscription!]! }
type UserError { field: [String!] message: String! }
type WebhookSubscriptionCreatePayload { webhookSubscription: WebhookSubscription userErrors: [UserError!]! }

type InventoryChange { name: String! delta: Int! quantityAfterChange: Int }
type InventoryAdjustmentGroup {
  id: ID! createdAt: DateTime! reason: String! referenceDocumentUri: String changes: [InventoryChange!]!
}
enum InventorySetQuantitiesUserErrorCode {
  CHANGE_FROM_QUANTITY_STALE COMPARE_QUANTITY_STALE INVALID_INVENTORY_ITEM INVALID_LOCATION
  INVALID_QUANTITY_NEGATIVE INVALID_REASON INVALID_NAME ITEM_NOT_STOCKED_AT_LOCATION
  IDEMPOTENCY_CONCURRENT_REQUEST
}
type InventorySetQuantitiesUserError {
  code: InventorySetQuantitiesUserErrorCode field: [String!] message: String!
}
type InventorySetQuantitiesPayload {
  inventoryAdjustmentGroup: InventoryAdjustmentGroup
  userErrors: [InventorySetQuantitiesUserError!]!
}

type Query {
  shop: Shop!
  location(id: ID!): Location
  locations(first: Int!): LocationConnection!
  order(id: ID!): Order
  orders(first: Int, after: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  productVariants(first: Int!, after: String, query: String): ProductVariantConnection!
  inventoryItem(id: ID!): InventoryItem
  webhookSubscriptions(first: Int!, after: String): WebhookSubscriptionConnection!
}
type Mutation {
  inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
  webhookSubscriptionCreate(
    topic: WebhookSubscriptionTopic!, webhookSubscription: WebhookSubscriptionInput!
  ): WebhookSubscriptionCreatePayload
}
`;

const quantityInputs: Record<VersionFamily, string> = {
  legacy: `
input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int! compareQuantity: Int }
input InventorySetQuantitiesInput {
  name: String! reason: String! referenceDocumentUri: String ignoreCompareQuantity: Boolean
  quantities: [InventoryQuantityInput!]!
}`,
  transition: `
directive @idempotent(key: String!) on FIELD
input InventoryQuantityInput {
  inventoryItemId: ID! locationId: ID! quantity: Int! compareQuantity: Int changeFromQuantity: Int
}
input InventorySetQuantitiesInput {
  name: String! reason: String! referenceDocumentUri: String ignoreCompareQuantity: Boolean
  quantities: [InventoryQuantityInput!]!
}`,
  final: `
directive @idempotent(key: String!) on FIELD
input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int! changeFromQuantity: Int }
input InventorySetQuantitiesInput {
  name: String! reason: String! referenceDocumentUri: String quantities: [InventoryQuantityInput!]!
}`,
};

export function schemaSource(family: VersionFamily): string {
  return `${common}\n${quantityInputs[family]}`;
}
