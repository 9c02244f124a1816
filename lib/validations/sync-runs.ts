import { z } from "zod";
import { syncStatuses, syncTriggers, syncTypes } from "@/db/schema/enums";
import { csvList, dateParam, idParam, tableParamsShape } from "./search-params";

export const syncRunSortable = ["startedAt", "durationMs", "errors", "fetched"] as const;

export const syncRunSearchShape = {
  ...tableParamsShape(syncRunSortable, { id: "startedAt", desc: true }),
  marketplace: csvList(idParam).optional(),
  type: csvList(z.enum(syncTypes)).optional(),
  status: csvList(z.enum(syncStatuses)).optional(),
  trigger: csvList(z.enum(syncTriggers)).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
};

export type SyncRunSearch = z.infer<z.ZodObject<typeof syncRunSearchShape>>;
export type SyncRunFilters = Omit<SyncRunSearch, "page" | "perPage" | "sort" | "q">;
