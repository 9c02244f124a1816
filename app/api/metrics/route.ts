// Prometheus scrape endpoint: GET /api/metrics with `Authorization: Bearer $METRICS_TOKEN`.
// Sign-in never guards this path; the token does (unset → 403 for every call). Per-process
// counters and histograms of the instance that answers, plus database gauges (lib/metrics).
import { getDb } from "@/db/client";
import { logger } from "@/lib/log";
import { METRICS_CONTENT_TYPE, renderMetrics } from "@/lib/metrics";
import { checkMetricsAuthorization, metricsToken } from "@/lib/metrics/auth";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const auth = checkMetricsAuthorization(request.headers.get("authorization"), metricsToken());
  if (!auth.ok) {
    const headers: Record<string, string> =
      auth.status === 401
        ? { ...NO_STORE, "www-authenticate": 'Bearer realm="metrics"' }
        : NO_STORE;
    return Response.json(
      { error: { code: auth.status === 401 ? "unauthorized" : "forbidden", message: auth.reason } },
      { status: auth.status, headers },
    );
  }
  try {
    const text = await renderMetrics(getDb);
    return new Response(text, {
      status: 200,
      headers: { ...NO_STORE, "content-type": METRICS_CONTENT_TYPE },
    });
  } catch (error) {
    logger.error({ err: error }, "metrics: rendering failed");
    return Response.json(
      { error: { code: "internal", message: "metrics are unavailable; see the server log" } },
      { status: 500, headers: NO_STORE },
    );
  }
}
