import { z } from "zod";
import { lockFlags, lockStatuses } from "@/db/schema/enums";
import { csvList, dateParam, idParam, tableParamsShape } from "./search-params";

export const lockSortable = ["createdAt", "quantity", "id", "consumedAt", "releasedAt"] as const;

/** `/v2/stock-locks` search params: table params plus the lock filters. */
export const lockSearchShape = {
  ...tableParamsShape(lockSortable, { id: "createdAt", desc: true }),
  marketplace: csvList(idParam).optional(),
  status: csvList(z.enum(lockStatuses)).optional(),
  variation: idParam.optional(),
  /** An order's internal id or its marketplace (external) id. */
  order: z.string().trim().min(1).max(64).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  /** Locks staff must look at: a vanished line, a shipment after a release. */
  flag: csvList(z.enum(lockFlags)).optional(),
  /** "1": only active locks older than `staleDays`. */
  stale: z.literal("1").optional(),
  staleDays: z.coerce.number().int().min(1).max(365).optional(),
};

type LockSearchSchema = z.ZodObject<typeof lockSearchShape>;
export type LockSearch = z.infer<LockSearchSchema>;
export type LockFilters = Omit<LockSearch, "page" | "perPage" | "sort" | "staleDays">;
