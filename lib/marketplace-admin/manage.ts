// Adding and editing marketplace accounts from the dashboard: a connection test with the real
// client first (the token read from the env variable the row names), then the change and its
// audit entry in one transaction.
import { eq } from "drizzle-orm";
import { type Database, pgError } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { MarketplaceInput } from "@/lib/validations/marketplaces";
import { createAdapter, type MarketplaceRow } from "./factory";

export interface ManageContext {
  actor: AuditActor | null;
  ip?: string | null;
  env?: Record<string, string | undefined>;
}

// A connection test answers quickly: few retries, short waits.
const testTimings = {
  retry: {
    retries: 1,
    minTimeoutMs: 300,
    maxTimeoutMs: 1_000,
    factor: 2,
    randomize: true,
    maxRetryAfterMs: 2_000,
  },
  timeoutMs: 10_000,
};

/** Resolves when the credentials and base URL work; throws an AppError saying why not. */
export async function testMarketplaceConnection(
  row: Omit<MarketplaceRow, "id" | "settings"> & { settings?: MarketplaceRow["settings"] },
  env?: Record<string, string | undefined>,
): Promise<void> {
  const adapter = createAdapter({ id: 0, settings: {}, ...row }, { env, timings: testTimings });
  try {
    await adapter.testConnection();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "unavailable",
      `Connection test failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
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
  if (row.active)
    await testMarketplaceConnection({ ...row, settings: existing.settings }, context.env);
  try {
    return await db.transaction(async (tx) => {
      await tx
        .update(marketplaces)
        .set({ ...row, updatedAt: new Date() })
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
