// "Sync now" (the /sync and /v2/listing buttons): which sync, for which marketplace.
import { z } from "zod";
import { requestedSyncTypes } from "@/lib/sync/options";

export const syncNowActionSchema = z.object({
  type: z.enum(requestedSyncTypes, {
    error: `type must be one of ${requestedSyncTypes.join(", ")}`,
  }),
  /** A marketplace id; empty or absent: every active marketplace. */
  marketplace: z
    .union([z.literal(""), z.coerce.number().int().positive()], {
      error: "marketplace must be a marketplace id",
    })
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
});
export type SyncNowActionInput = z.input<typeof syncNowActionSchema>;
