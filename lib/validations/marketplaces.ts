import { z } from "zod";
import { providers } from "@/db/schema/enums";
import { csvList, tableParamsShape } from "./search-params";

export const marketplaceSortable = ["code", "name", "provider", "lastRunAt"] as const;

export const marketplaceSearchShape = {
  ...tableParamsShape(marketplaceSortable, { id: "code", desc: false }),
  provider: csvList(z.enum(providers)).optional(),
  active: z.enum(["yes", "no"]).optional(),
};

export type MarketplaceSearch = z.infer<z.ZodObject<typeof marketplaceSearchShape>>;
export type MarketplaceFilters = Omit<MarketplaceSearch, "page" | "perPage" | "sort">;
