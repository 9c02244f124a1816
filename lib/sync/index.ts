// lib/sync's public surface for the sync engine, routes and scripts.
export * from "./events";
export * from "./normalized-order";
export { orderEventBus } from "./order-event-bus";
export {
  type UpsertedItem,
  type UpsertOrderOptions,
  type UpsertOrderResult,
  upsertOrder,
} from "./upsert-order";
