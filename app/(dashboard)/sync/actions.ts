"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_server/run-action";
import { type ActionResult, AppError } from "@/lib/errors";
import { requestSync } from "@/lib/jobs/request-sync";
import { type SyncNowActionInput, syncNowActionSchema } from "@/lib/validations/sync-now";

export interface SyncNowResult {
  /** `inline`: running in the server process; `queued`: pg-boss jobs for the worker. */
  mode: "inline" | "queued";
  /** sync_runs rows already created (inline), newest work first on /sync. */
  runIds: number[];
  /** Jobs handed to the queue (queued). */
  jobs: number;
}

/** Operator: starts a sync (any type, stock included) for one or every active marketplace. */
export async function syncNowAction(raw: SyncNowActionInput): Promise<ActionResult<SyncNowResult>> {
  const result = await runAction(
    {
      action: "sync.triggered",
      role: "operator",
      schema: syncNowActionSchema,
      target: (input) =>
        `sync:${input.type}${input.marketplace ? `:marketplace:${input.marketplace}` : ""}`,
      run: async ({ type, marketplace }): Promise<SyncNowResult> => {
        const started = await requestSync({ type, marketplace, trigger: "button", wait: false });
        if (started.mode === "queued") {
          return { mode: "queued", runIds: [], jobs: started.jobs.length };
        }
        const runIds = "runIds" in started ? started.runIds : [];
        if (runIds.length === 0) {
          throw new AppError("not_found", "No sync started: no active marketplace to sync.");
        }
        return { mode: "inline", runIds, jobs: 0 };
      },
      auditSuccess: (done) => done,
    },
    raw,
  );
  if (result.ok) {
    revalidatePath("/sync");
    revalidatePath("/v2/listing");
  }
  return result;
}
