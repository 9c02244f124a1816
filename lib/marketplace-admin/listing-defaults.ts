// A marketplace's default allocation rules: what each listing it gets from now on starts with
// (db/listing-defaults.ts fills them in). Existing listings keep their own rules; staff change
// those on /v2/listing (per row or in bulk).
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import type { ListingRules } from "@/lib/domain/publishable";
import { AppError } from "@/lib/errors";
import { listingRulesSchema } from "@/lib/validations/listing-rules";

export function listingDefaultsOf(row: typeof marketplaces.$inferSelect): ListingRules {
  return {
    buffer: row.defaultBuffer,
    maxQuantity: row.defaultMaxQuantity,
    sharePercent: row.defaultSharePercent,
    zeroAtOrBelow: row.defaultZeroAtOrBelow,
  };
}

export async function setListingDefaults(
  db: Database,
  marketplaceId: number,
  rules: ListingRules,
  context: { actor: AuditActor | null; ip?: string | null },
): Promise<{ before: ListingRules; after: ListingRules }> {
  const after = listingRulesSchema.parse(rules);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(marketplaces)
      .where(eq(marketplaces.id, marketplaceId))
      .for("update");
    if (!existing) throw new AppError("not_found", `There is no marketplace ${marketplaceId}.`);
    await tx
      .update(marketplaces)
      .set({
        defaultBuffer: after.buffer,
        defaultMaxQuantity: after.maxQuantity,
        defaultSharePercent: after.sharePercent,
        defaultZeroAtOrBelow: after.zeroAtOrBelow,
        updatedAt: new Date(),
      })
      .where(eq(marketplaces.id, marketplaceId));
    const before = listingDefaultsOf(existing);
    await recordAudit(tx, {
      actor: context.actor,
      action: "marketplace.listing_defaults_changed",
      target: `marketplace:${existing.code}`,
      input: after,
      outcome: "succeeded",
      result: { before, after },
      ip: context.ip,
    });
    return { before, after };
  });
}
