// Adding and editing marketplace accounts from the dashboard: a connection test with the real
// client first (lib/marketplaces/connection-test.ts), then the change to the marketplaces table
// and its audit entry in one transaction.
import { eq } from "drizzle-orm";
import { type Database, pgError } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { testMarketplaceConnection } from "@/lib/marketplaces/connection-test";
import type { MarketplaceInput } from "@/lib/validations/marketplaces";

export { testMarketplaceConnection };

export interface ManageContext {
  actor: AuditActor | null;
  ip?: string | null;
  env?: Record<string, string | undefined>;
}

function toRow(input: MarketplaceInput) {
  return {
    code: input.code,
    name: input.name,
    provider: input.provider,
    baseUrl: input.baseUrl,
    tokenEnv: input.tokenEnv,
    country: input.country ?? null,
    acceptPolicy: input.acceptPolicy,
    active: input.active,
    // Shopify's settings from the form; other providers' settings are not edited here.
    ...(input.settings ? { settings: input.settings } : {}),
  };
}

export async function createMarketplace(
  db: Database,
  input: MarketplaceInput,
  context: ManageContext,
): Promise<{ id: number }> {
  const row = toRow(input);
  await testMarketplaceConnection(row, context.env);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(marketplaces)
        .values(row)
        .returning({ id: marketplaces.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        actor: context.actor,
        action: "marketplace.created",
        target: `marketplace:${row.code}`,
        input: row,
        outcome: "succeeded",
        result: { id: created.id },
        ip: context.ip,
      });
      return created;
    });
  } catch (error) {
    if (pgError(error)?.code === "23505") {
      throw new AppError("conflict", `A marketplace with code ${row.code} already exists.`);
    }
    throw error;
  }
}

export async function updateMarketplace(
  db: Database,
  id: number,
  input: MarketplaceInput,
  context: ManageContext,
): Promise<{ id: number }> {
  const row = toRow(input);
  const [existing] = await db.select().from(marketplaces).where(eq(marketplaces.id, id));
  if (!existing) throw new AppError("not_found", `There is no marketplace ${id}.`);
  // An inactive account is not called; an active one must answer before it is saved.
  // The form edits Shopify's shop, location, version and webhook secret; what it does not show
  // (a client-credentials app's variables, a User-Agent) stays.
  const settings = { ...existing.settings, ...row.settings };
  if (row.active) await testMarketplaceConnection({ ...row, settings }, context.env);
  try {
    return await db.transaction(async (tx) => {
      await tx
        .update(marketplaces)
        .set({ ...row, settings, updatedAt: new Date() })
        .where(eq(marketplaces.id, id));
      await recordAudit(tx, {
        actor: context.actor,
        action: "marketplace.updated",
        target: `marketplace:${row.code}`,
        input: row,
        outcome: "succeeded",
        result: {
          id,
          before: {
            code: existing.code,
            name: existing.name,
            baseUrl: existing.baseUrl,
            tokenEnv: existing.tokenEnv,
            active: existing.active,
          },
        },
        ip: context.ip,
      });
      return { id };
    });
  } catch (error) {
    if (pgError(error)?.code === "23505") {
      throw new AppError("conflict", `A marketplace with code ${row.code} already exists.`);
    }
    throw error;
  }
}
