import { sql } from "drizzle-orm";
import { getDatabaseHandle, queryRows } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and a database round trip; never behind sign-in. */
export async function GET(): Promise<Response> {
  const started = performance.now();
  try {
    const handle = await getDatabaseHandle();
    const [row] = await queryRows<{ now: string }>(handle.db, sql`select now()::text as now`);
    return Response.json({
      status: "ok",
      database: {
        status: "up",
        kind: handle.kind,
        serverTime: row?.now ?? null,
        latencyMs: Math.round(performance.now() - started),
      },
    });
  } catch (error) {
    console.error("health: database check failed", error);
    return Response.json(
      {
        status: "degraded",
        database: {
          status: "down",
          error: error instanceof Error ? error.message : "unknown error",
        },
      },
      { status: 503 },
    );
  }
}
