// Alert evaluation on demand: GET/POST /api/cron/alerts with `Authorization: Bearer
// $CRON_SECRET`, for schedulers without a worker or a long-lived process (Vercel's crons) and
// for anyone who wants the answer now. Sign-in never guards this path; the secret does.
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/errors";
import { runAlertEvaluation } from "@/lib/jobs/alerts";
import { cronRefusal } from "@/lib/jobs/cron-auth";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const refused = cronRefusal(request);
  if (refused) return refused;
  try {
    const report = await runAlertEvaluation(await getDb());
    return Response.json({
      opened: report.opened,
      resolved: report.resolved,
      open: report.open.map(({ kind, subject, openedAt }) => ({ kind, subject, openedAt })),
      notifications: report.notifications,
    });
  } catch (error) {
    logger.error({ err: error }, "alert evaluation (cron route) failed");
    return errorResponse(error);
  }
}

export const GET = handle;
export const POST = handle;
