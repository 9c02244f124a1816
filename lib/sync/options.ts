// What a sync request may say, validated once for the CLI, the cron route, the queue and the
// "sync now" action.
import { z } from "zod";
import { syncTriggers } from "@/lib/domain/enums";

/** The order syncs, in the order `all` runs them. */
export const orderSyncTypes = ["new", "modified", "care", "incomplete"] as const;
export type OrderSyncType = (typeof orderSyncTypes)[number];

/** What a caller may ask for: one order sync, all four, or the stock sync. */
export const requestedSyncTypes = [...orderSyncTypes, "all", "stock"] as const;
export type RequestedSyncType = (typeof requestedSyncTypes)[number];

/** A marketplace named by its numeric id or its code (e.g. `bm-fr`). */
export const marketplaceRefSchema = z
  .union([z.number(), z.string()], { error: "must be a marketplace id or code" })
  .transform(String)
  .pipe(
    z
      .string()
      .trim()
      .min(1, "must name a marketplace by id or code")
      .regex(/^[a-z0-9][a-z0-9-]*$/i, "must be a marketplace id or code such as bm-fr"),
  )
  .transform((value) => (/^\d+$/.test(value) ? Number(value) : value.toLowerCase()));
export type MarketplaceRef = z.output<typeof marketplaceRefSchema>;

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_DAYS_BACK = 2;

export const syncRequestSchema = z.object({
  type: z.enum(requestedSyncTypes, {
    error: `type must be one of ${requestedSyncTypes.join(", ")}`,
  }),
  marketplace: marketplaceRefSchema.optional(),
  pageSize: z.coerce
    .number({ error: "page size must be a number" })
    .int("page size must be a whole number")
    .min(1, "page size must be at least 1")
    .max(100, "page size must be at most 100")
    .default(DEFAULT_PAGE_SIZE),
  daysBack: z.coerce
    .number({ error: "days back must be a number" })
    .int("days back must be a whole number")
    .min(1, "days back must be at least 1")
    .max(90, "days back must be at most 90")
    .default(DEFAULT_DAYS_BACK),
  trigger: z.enum(syncTriggers).default("cli"),
});
export type SyncRequestInput = z.input<typeof syncRequestSchema>;
export type SyncRequestOptions = z.output<typeof syncRequestSchema>;

/** One line per problem, naming the option. */
export function describeIssues(error: z.ZodError, optionName: (key: string) => string): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? "");
      return key ? `${optionName(key)}: ${issue.message}` : issue.message;
    })
    .join("\n");
}
