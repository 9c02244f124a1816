import { z } from "zod";
import { orderStatuses } from "@/db/schema/enums";
import { csvList, dateParam, idParam, tableParamsShape } from "./search-params";

export const orderSortable = ["orderedAt", "modifiedAt", "id", "totalAmount"] as const;

export const orderSearchShape = {
  ...tableParamsShape(orderSortable, { id: "orderedAt", desc: true }),
  marketplace: csvList(idParam).optional(),
  status: csvList(z.enum(orderStatuses)).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  /** "1": only orders still missing their label or delivery note. */
  incomplete: z.literal("1").optional(),
};

export type OrderSearch = z.infer<z.ZodObject<typeof orderSearchShape>>;
export type OrderFilters = Omit<OrderSearch, "page" | "perPage" | "sort">;

/** `/orders/[id]`. */
export const orderIdParam = idParam;
