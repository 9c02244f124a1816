// The sync_runs lifecycle: a `running` row when a run starts, throttled progress writes while it
// works (so /sync can show it live), and one final write with status, counts and errors.
import { and, desc, eq, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type SyncRunError,
  type SyncRunProgress,
  type SyncStatus,
  type SyncTrigger,
  type SyncType,
  syncRuns,
} from "@/db/schema";
import { logger } from "@/lib/log";
import { recordRunFinished } from "@/lib/metrics/process";

export type SyncRun = typeof syncRuns.$inferSelect;

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  events: number;
  locks: number;
  accepted: number;
  skipped: number;
  errors: number;
}

export const emptyCounts = (): RunCounts => ({
  fetched: 0,
  created: 0,
  updated: 0,
  events: 0,
  locks: 0,
  accepted: 0,
  skipped: 0,
  errors: 0,
});

export interface RunKey {
  type: SyncType;
  marketplaceId: number;
}

/** Keeps the row small: the count goes on, the stored details stop here. */
export const MAX_ERROR_DETAILS = 200;
/** A run writes its progress at most this often. */
export const PROGRESS_INTERVAL_MS = 1_000;

/**
 * Marks the `running` rows of (marketplace, type) as failed: called by a run that holds the
 * lock for that pair, so any other running row belongs to a process that died.
 */
export async function abandonRunningRuns(
  db: Executor,
  key: RunKey,
  exceptRunId?: number,
): Promise<number> {
  const rows = await db
    .update(syncRuns)
    .set({
      status: "failed",
      message: "abandoned: the process running it stopped before it finished",
      finishedAt: sql`now()`,
      durationMs: sql`(extract(epoch from (now() - ${syncRuns.startedAt})) * 1000)::int`,
    })
    .where(
      and(
        eq(syncRuns.type, key.type),
        eq(syncRuns.marketplaceId, key.marketplaceId),
        eq(syncRuns.status, "running"),
        exceptRunId === undefined ? undefined : ne(syncRuns.id, exceptRunId),
        // A webhook's run holds no run lock (it re-reads one order): it is another process's
        // live work unless it has been running far longer than one order takes.
        or(
          ne(syncRuns.trigger, "webhook"),
          lt(syncRuns.startedAt, sql`now() - interval '15 minutes'`),
        ),
      ),
    )
    .returning({ id: syncRuns.id, type: syncRuns.type, durationMs: syncRuns.durationMs });
  for (const row of rows) recordRunFinished({ ...row, status: "failed" });
  return rows.length;
}

/** Records a run that did not start because another one holds the lock for the pair. */
export async function recordSkippedRun(
  db: Executor,
  key: RunKey & { trigger: SyncTrigger },
  message: string,
): Promise<SyncRun> {
  const [row] = await db
    .insert(syncRuns)
    .values({
      ...key,
      status: "skipped",
      message,
      finishedAt: sql`now()`,
      durationMs: 0,
    })
    .returning();
  if (!row) throw new Error("inserting the skipped sync run returned no row");
  recordRunFinished(row);
  return row;
}

/**
 * The `modified` sync's starting point: the newest high-water mark of a finished run
 * (succeeded or partial) minus the overlap window; the first run goes `firstRunMonths` back.
 */
export async function modifiedSince(
  db: Executor,
  key: RunKey,
  options: { now?: Date; overlapMs?: number; firstRunMonths?: number } = {},
): Promise<{ since: Date; previousMark: Date | null }> {
  const now = options.now ?? new Date();
  const [last] = await db
    .select({ mark: syncRuns.highWaterMark })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.type, key.type),
        eq(syncRuns.marketplaceId, key.marketplaceId),
        inArray(syncRuns.status, ["succeeded", "partial"]),
        isNotNull(syncRuns.highWaterMark),
      ),
    )
    .orderBy(desc(syncRuns.highWaterMark))
    .limit(1);
  if (last?.mark) {
    // A mark in the future (stored before marks were capped at the run's start) would hide
    // every change until then: never start later than now.
    const mark = new Date(Math.min(last.mark.getTime(), now.getTime()));
    return {
      since: new Date(mark.getTime() - (options.overlapMs ?? 10 * 60_000)),
      previousMark: mark,
    };
  }
  const since = new Date(now);
  since.setMonth(since.getMonth() - (options.firstRunMonths ?? 3));
  return { since, previousMark: null };
}

export interface FinishOptions {
  status?: Exclude<SyncStatus, "running" | "skipped">;
  message?: string | null;
  highWaterMark?: Date | null;
}

/** One run in progress: counts and errors accumulate here and reach the row throttled. */
export class RunRecorder {
  readonly counts = emptyCounts();
  readonly errors: SyncRunError[] = [];
  progress: SyncRunProgress = { phase: "starting", done: 0, total: null };
  private lastWrite = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | undefined;
  private progressWriteFailed = false;
  private readonly startedAt = performance.now();

  constructor(
    private readonly db: Executor,
    readonly run: SyncRun,
    private readonly onChange?: (recorder: RunRecorder) => void,
  ) {}

  get id(): number {
    return this.run.id;
  }

  add(counts: Partial<RunCounts>): void {
    for (const [name, value] of Object.entries(counts) as [keyof RunCounts, number][]) {
      this.counts[name] += value;
    }
    this.changed();
  }

  /** A failed order: counted, and its id and message kept (up to MAX_ERROR_DETAILS). */
  fail(error: SyncRunError): void {
    this.counts.errors += 1;
    if (this.errors.length < MAX_ERROR_DETAILS) this.errors.push(error);
    this.changed();
  }

  setProgress(phase: string, done: number, total: number | null = null): void {
    this.progress = { phase, done, total };
    this.changed();
  }

  /** Resolves when the progress write in flight (if any) has landed. */
  async flushed(): Promise<void> {
    await this.pending;
  }

  get elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  private changed(): void {
    this.onChange?.(this);
    const now = performance.now();
    if (this.pending || now - this.lastWrite < PROGRESS_INTERVAL_MS) return;
    this.lastWrite = now;
    // Progress is best effort: a failed write must not fail the run (the final write reports),
    // but it is logged once, so a page that stops moving has a reason in the logs.
    this.pending = this.writeProgress()
      .catch((error: unknown) => {
        if (this.progressWriteFailed) return;
        this.progressWriteFailed = true;
        logger.warn(
          { runId: this.run.id, err: error },
          "writing the run's progress failed; the run goes on and its last write reports",
        );
      })
      .finally(() => {
        this.pending = undefined;
      });
  }

  private async writeProgress(): Promise<void> {
    await this.db
      .update(syncRuns)
      .set({
        ...this.counts,
        errorDetails: this.errors,
        progress: this.progress,
        heartbeatAt: sql`now()`,
      })
      .where(and(eq(syncRuns.id, this.run.id), eq(syncRuns.status, "running")));
  }

  /** The status a run ends with when nothing fatal happened. */
  outcome(): "succeeded" | "partial" {
    return this.counts.errors > 0 ? "partial" : "succeeded";
  }

  async finish(options: FinishOptions = {}): Promise<SyncRun> {
    await this.pending;
    const status = options.status ?? this.outcome();
    const [row] = await this.db
      .update(syncRuns)
      .set({
        ...this.counts,
        status,
        errorDetails: this.errors,
        progress: { ...this.progress, phase: "done" },
        message: options.message ?? null,
        highWaterMark: options.highWaterMark ?? null,
        heartbeatAt: sql`now()`,
        finishedAt: sql`now()`,
        durationMs: this.elapsedMs,
      })
      .where(eq(syncRuns.id, this.run.id))
      .returning();
    if (!row) throw new Error(`sync run ${this.run.id} vanished before it finished`);
    recordRunFinished(row);
    return row;
  }
}

/** Inserts the `running` row of a run that holds its lock. */
export async function startRun(
  db: Executor,
  key: RunKey & { trigger: SyncTrigger },
  onChange?: (recorder: RunRecorder) => void,
): Promise<RunRecorder> {
  const [row] = await db
    .insert(syncRuns)
    .values({ ...key, status: "running", progress: { phase: "starting", done: 0, total: null } })
    .returning();
  if (!row) throw new Error("inserting the sync run returned no row");
  return new RunRecorder(db, row, onChange);
}
