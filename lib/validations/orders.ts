import { idParam } from "./search-params";

/** `/orders/[id]`. (The order list's URL parameters live in lib/lists/orders.ts.) */
export const orderIdParam = idParam;
