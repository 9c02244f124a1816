// The seed schedule, in one place: vercel.json's crons, the queue worker's pg-boss schedules and
// the in-process timer of the embedded database all follow it (a test keeps vercel.json equal).
import type { RequestedSyncType } from "@/lib/sync/options";

export interface ScheduleEntry {
  type: Exclude<RequestedSyncType, "all">;
  /** Standard five-field cron expression (UTC). */
  cron: string;
  /** The same period for the in-process timer. */
  everyMinutes: number;
}

export const syncSchedule: readonly ScheduleEntry[] = [
  { type: "new", cron: "*/5 * * * *", everyMinutes: 5 },
  { type: "modified", cron: "0 * * * *", everyMinutes: 60 },
  { type: "care", cron: "20 * * * *", everyMinutes: 60 },
  { type: "incomplete", cron: "*/30 * * * *", everyMinutes: 30 },
  { type: "stock", cron: "40 */6 * * *", everyMinutes: 360 },
];

/** The path vercel.json calls for an entry. */
export function cronPath(entry: ScheduleEntry): string {
  return `/api/cron/sync?type=${entry.type}`;
}
