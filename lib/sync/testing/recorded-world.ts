// One sync world for a test file, with every marketplace API request the simulator answers
// recorded: started once, closed after the file, and before each test its faults cleared, its
// sync runs deleted and the request log emptied.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { syncRuns } from "@/db/schema";
import type { ApiRequestRecord } from "@/lib/marketplaces/simulator/server";
import { createSyncWorld, type SyncWorld } from "./sync-fixture";

export function recordedSyncWorld(stock: Record<string, number>): {
  world: () => SyncWorld;
  requests: ApiRequestRecord[];
} {
  let world: SyncWorld | undefined;
  const requests: ApiRequestRecord[] = [];
  beforeAll(async () => {
    world = await createSyncWorld(stock, {
      simulator: { onRequest: (record) => requests.push(record) },
    });
  });
  afterAll(async () => world?.close());
  beforeEach(async () => {
    if (!world) return;
    world.sim.clearFaults();
    await world.database.db.delete(syncRuns);
    requests.length = 0;
  });
  return {
    world: () => {
      if (!world) throw new Error("the sync world is read inside a test, after beforeAll");
      return world;
    },
    requests,
  };
}
