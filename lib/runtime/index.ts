// The application's event bus: where lib/stock subscribes to the order events of lib/sync.
// Everything that emits order events (upsertOrder, variation mapping) goes through it.
import { stockEventHandlers } from "@/lib/stock/handlers";
import { createEventBus } from "./events";

export const orderEventBus = createEventBus(stockEventHandlers);
