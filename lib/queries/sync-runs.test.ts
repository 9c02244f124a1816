// The /sync page's count of sync jobs waiting for a worker (queue mode on PostgreSQL).
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { syncRuns } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { enqueueSync, startBoss } from "@/lib/jobs/queue";
import { parseListParams } from "@/lib/lists/define";
import { syncRunList } from "@/lib/lists/sync-runs";
import { createMarketplace } from "@/lib/stock/testing/fixtures";
import { recordEmptyPoll } from "@/lib/sync/empty-polls";
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

describe("/sync's empty polls", () => {
  const database = useTestDatabase();

  it("shows the run row's count of empty polls and the last one's time, as stored", async () => {
    const { db } = database.current;
    const marketplaceId = await createMarketplace(db, "poll-fr");
    const poll = { marketplaceId, trigger: "queue" as const, seen: 0, durationMs: 5 };
    for (let i = 0; i < 3; i++) await recordEmptyPoll(db, poll);

    const [stored] = await db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.marketplaceId, marketplaceId));
    const page = await listSyncRuns(db, parseListParams(syncRunList, {}).values);
    const shown = page.rows.find((row) => row.id === stored?.id);
    expect(stored?.emptyPolls).toBe(3);
    expect(shown?.emptyPolls).toBe(stored?.emptyPolls);
    expect(shown?.lastPolledAt?.getTime()).toBe(stored?.lastPolledAt?.getTime());
    expect(page.rows.filter((row) => row.marketplaceId === marketplaceId)).toHaveLength(1);
  });
});
