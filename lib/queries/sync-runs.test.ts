// The /sync page's count of sync jobs waiting for a worker (queue mode on PostgreSQL).
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";
import { enqueueSync, startBoss } from "@/lib/jobs/queue";
import { parseListParams } from "@/lib/lists/define";
import { syncRunList } from "@/lib/lists/sync-runs";
import { listSyncRuns, queuedSyncJobs } from "./sync-runs";

describe("queued sync jobs", () => {
  const database = useTestDatabase();
  let boss: PgBoss | undefined;

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
  });

  it("is 0 before the queue exists, then counts the jobs no worker has taken", async () => {
    const { db, url } = database.current;
    expect(await queuedSyncJobs(db)).toBe(0);

    boss = await startBoss(url); // a sender, as the app is: no worker takes the jobs
    const jobs = await enqueueSync(boss, {
      type: "new",
      marketplaceIds: [1, 2],
      trigger: "button",
    });
    expect(jobs.filter((job) => job.jobId !== null)).toHaveLength(2);
    expect(await queuedSyncJobs(db)).toBe(2);

    const search = parseListParams(syncRunList, {}).values;
    const page = await listSyncRuns(db, search);
    expect(page).toMatchObject({ running: 0, queued: 2, total: 0 });
  });
});
