// The GraphQL documents the client sends (NOTES (a), (b), (d)). Nested connections multiply
// the requested cost (a query may not ask for more than 1,000 points), so 25 orders come with
// their first 10 lines (more are paged per order, 50 at a time) and fulfilment
// detail is read only for the orders that need it (a refund on an order that shipped units).

const ORDER_FIELDS = `
  id legacyResourceId name createdAt updatedAt cancelledAt cancelReason
  displayFinancialStatus displayFulfillmentStatus
  currencyCode totalPriceSet { shopMoney { amount currencyCode } }
  shippingAddress { firstName lastName countryCodeV2 }
  lineItems(first: 10) {
    pageInfo { hasNextPage endCursor }
    nodes { ...Line }
  }`;

const LINE_FRAGMENT = `
fragment Line on LineItem {
  id sku name quantity currentQuantity unfulfilledQuantity
  originalUnitPriceSet { shopMoney { amount } }
}`;

export const ORDERS_QUERY = `
query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} }
  }
}
${LINE_FRAGMENT}`;

export const ORDER_QUERY = `
query Order($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS} }
}
${LINE_FRAGMENT}`;

export const ORDER_LINES_QUERY = `
query OrderLines($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...Line }
    }
  }
}
${LINE_FRAGMENT}`;

/** Units fulfilled per line, to tell a refund after fulfilment from one before it. */
export const ORDER_FULFILMENTS_QUERY = `
query OrderFulfilments($id: ID!) {
  order(id: $id) {
    fulfillments(first: 10) {
      status
      fulfillmentLineItems(first: 20) {
        pageInfo { hasNextPage }
        nodes { quantity lineItem { id } }
      }
    }
  }
}`;

export const SHOP_QUERY = `
query Shop($location: ID!) {
  shop { name myshopifyDomain }
  location(id: $location) { id name isActive }
}`;

export const VARIANTS_QUERY = `
query Variants($first: Int!, $after: String, $location: ID!) {
  productVariants(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id sku
      inventoryItem {
        id tracked
        inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }
      }
    }
  }
}`;

export const INVENTORY_LEVEL_QUERY = `
query Level($item: ID!, $location: ID!) {
  inventoryItem(id: $item) {
    id tracked
    inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }
  }
}`;

const SET_SELECTION = `{
    inventoryAdjustmentGroup { id createdAt reason changes { name delta quantityAfterChange } }
    userErrors { code field message }
  }`;

/** 2026-01+: `changeFromQuantity` per quantity and the `@idempotent` key (mandatory from 2026-04). */
export const SET_QUANTITIES_IDEMPOTENT = `
mutation SetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) ${SET_SELECTION}
}`;

/** ≤ 2025-10: `compareQuantity` per quantity, no idempotency key. */
export const SET_QUANTITIES_LEGACY = `
mutation SetQuantities($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) ${SET_SELECTION}
}`;

export const WEBHOOK_SUBSCRIPTIONS_QUERY = `
query Subscriptions($after: String) {
  webhookSubscriptions(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id topic uri }
  }
}`;

export const WEBHOOK_SUBSCRIPTION_CREATE = `
mutation Subscribe($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;
