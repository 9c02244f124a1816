// Vercel cron (and any scheduler): GET/POST /api/cron/sync?type=new[&marketplace=bm-fr] with
// `Authorization: Bearer $CRON_SECRET`. Sign-in never guards this path; the secret does.
import { AppError, errorResponse } from "@/lib/errors";
import { cronRefusal } from "@/lib/jobs/cron-auth";
import { requestSync } from "@/lib/jobs/request-sync";
import { logger } from "@/lib/log";
import { describeIssues, syncRequestSchema } from "@/lib/sync/options";

export const dynamic = "force-dynamic";
/** Seconds a sync may take on Vercel before the function is stopped. */
export const maxDuration = 300;

const querySchema = syncRequestSchema.pick({ type: true, marketplace: true });

async function handle(request: Request): Promise<Response> {
  const refused = cronRefusal(request);
  if (refused) return refused;
  const url = new URL(request.url);
  const query = querySchema.safeParse({
    type: url.searchParams.get("type") ?? undefined,
    marketplace: url.searchParams.get("marketplace") ?? undefined,
  });
  if (!query.success) {
    return errorResponse(
      new AppError(
        "bad_request",
        describeIssues(query.error, (key) => key),
      ),
    );
  }
  try {
    const result = await requestSync({ ...query.data, trigger: "cron", wait: true });
    if (result.mode === "queued") return Response.json(result);
    if ("summary" in result) {
      return Response.json(result, { status: result.summary.fatal ? 500 : 200 });
    }
    return Response.json(result);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    logger.error({ err: error }, "cron sync failed");
    return errorResponse(error);
  }
}

export const GET = handle;
export const POST = handle;
