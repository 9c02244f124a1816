import { z } from "zod";
import { csvList, idParam, tableParamsShape } from "./search-params";

export const listingSortable = [
  "sku",
  "onHand",
  "locked",
  "lockedTotal",
  "available",
  "publishable",
  "listed",
  "drift",
] as const;

export const listingFlags = ["oversold", "drift", "pending", "failing", "locked"] as const;

export const listingSearchShape = {
  ...tableParamsShape(listingSortable, { id: "sku", desc: false }),
  marketplace: csvList(idParam).optional(),
  variation: idParam.optional(),
  /** oversold: available < 0 · drift: listed ≠ publishable · pending: a push is queued · failing: a queued push whose last attempt failed · locked: has active locks */
  flag: z.enum(listingFlags).optional(),
};

export type ListingSearch = z.infer<z.ZodObject<typeof listingSearchShape>>;
export type ListingFilters = Omit<ListingSearch, "page" | "perPage" | "sort">;
