import { sql } from "drizzle-orm";
import { getDatabaseHandle, queryRows } from "@/db/client";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * Liveness and a database round trip; never behind sign-in, so it says only up or down. The
 * cause of a failure (a PostgreSQL message can name hosts, users and databases) goes to the
 * server log only.
 */
export async function GET(): Promise<Response> {
  try {
    const handle = await getDatabaseHandle();
    await queryRows(handle.db, sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    logger.error({ err: error }, "health: database check failed");
    return Response.json(
      { status: "down" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
