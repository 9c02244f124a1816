// The connection test for a marketplace account: the real client, the token read from the env
// variable the row names, a quick answer (few retries, short waits).
import { AppError } from "@/lib/errors";
import { createAdapter, type MarketplaceRow } from "./factory";

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
  const adapter = createAdapter(
    { id: 0, ...row, settings: row.settings ?? {} },
    { env, timings: testTimings },
  );
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
