// Which `npm run worker` runs the new-order loop: the one holding a PostgreSQL advisory lock on a
// connection of its own. With several workers, one polls and the others stand by, so the
// marketplaces see one poll per interval however many workers run; when the leader's
// connection ends (the process died, the network dropped) the lock goes with it and another
// worker takes over within LEADER_RETRY_MS. Polls of one marketplace never overlap even during
// a hand-over: each poll also holds the (marketplace, `new`) run lock.
import type postgres from "postgres";
import { type Database, openDedicatedConnection } from "@/db/client";
import { logger } from "@/lib/log";
import { type NewOrderLoop, type NewOrderLoopOptions, startNewOrderLoop } from "./new-order-loop";

export const LEADER_LOCK = "stocklock:new-order-loop";
/** A standing-by worker tries to take the lead this often. */
export const LEADER_RETRY_MS = 10_000;

export interface LeaderLoop {
  /** True while this process runs the loop (tests). */
  leading(): boolean;
  stop(): Promise<void>;
}

export function startLeaderNewOrderLoop(options: NewOrderLoopOptions): LeaderLoop {
  const log = logger.child({ component: "new-order-loop" });
  let loop: NewOrderLoop | undefined;
  let connection: postgres.Sql | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const standBy = async () => {
    const current = loop;
    loop = undefined;
    await current?.stop();
    const ended = connection;
    connection = undefined;
    await ended?.end({ timeout: 1 }).catch(() => {});
    if (!stopped) retry = setTimeout(() => void tryLead(), LEADER_RETRY_MS);
  };

  const tryLead = async () => {
    if (stopped) return;
    const opened = openDedicatedConnection(options.db as Database, {
      applicationName: "stocklock new-order loop",
      onclose: () => {
        if (connection === opened && loop) {
          log.warn("lost the new-order loop lead: its database connection closed");
          void standBy();
        }
      },
    });
    if (!opened) throw new Error("the new-order loop leader needs PostgreSQL");
    connection = opened;
    try {
      const [row] = await opened<{ locked: boolean }[]>`
        select pg_try_advisory_lock(hashtext(${LEADER_LOCK})::bigint) as locked`;
      if (!row?.locked || stopped) return void (await standBy());
      loop = startNewOrderLoop(options);
      log.info("this worker leads the new-order loop");
    } catch (error) {
      log.warn({ err: error }, "could not try for the new-order loop lead; retrying");
      await standBy();
    }
  };

  void tryLead();
  return {
    leading: () => loop !== undefined,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await standBy();
    },
  };
}
