import { withRole } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { csvStream } from "@/lib/csv/encode";
import { AppError, errorResponse } from "@/lib/errors";
import { csvColumnsOf, parseListParams } from "@/lib/lists/define";
import { logger } from "@/lib/log";
import { exporters } from "./exporters";

export const dynamic = "force-dynamic";

/** GET /api/export/<list>?<the list's filters>: every matching row as CSV, streamed. */
export const GET = withRole<{ params: Promise<{ entity: string }> }>(
  "viewer",
  async (request, { params, user }) => {
    const { entity } = await params;
    try {
      const exporter = exporters.get(entity);
      if (!exporter?.list.export) {
        throw new AppError("not_found", `There is no export called "${entity}".`);
      }
      if (!hasRole(user, exporter.list.export.role)) {
        throw new AppError("forbidden", "Your role cannot export this list.");
      }
      const { values, invalid } = parseListParams(exporter.list, new URL(request.url).searchParams);
      if (invalid.length > 0) {
        throw new AppError(
          "bad_request",
          `Invalid parameters: ${invalid.map((i) => `${i.param} (${i.message})`).join(", ")}`,
        );
      }
      const db = await getDb();
      const log = logger.child({ export: entity });
      const body = csvStream(csvColumnsOf(exporter.list), exporter.rows(db, values), (error) =>
        log.error({ err: error }, "CSV export failed mid-stream"),
      );
      const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
      return new Response(body, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${entity}-${stamp}.csv"`,
          "cache-control": "no-store",
        },
      });
    } catch (error) {
      if (!(error instanceof AppError))
        logger.error({ err: error, export: entity }, "CSV export failed");
      return errorResponse(error);
    }
  },
);
