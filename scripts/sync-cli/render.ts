// What a person sees while a sync runs: a progress bar on a terminal, plain lines otherwise,
// and a summary table at the end. Everything but the table goes to stderr.
import cliProgress from "cli-progress";
import type { RunSummary, SyncProgressEvent, SyncSummary } from "@/lib/sync/run-sync";

export interface ProgressView {
  onProgress(event: SyncProgressEvent): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 2_000;

export function createProgressView(options: { tty: boolean; verbose: boolean }): ProgressView {
  const bars = options.tty
    ? new cliProgress.MultiBar(
        {
          stream: process.stderr,
          format: " {label} |{bar}| {value}{of} {phase} · {errors} errors",
          hideCursor: true,
          clearOnComplete: false,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const active = new Map<string, cliProgress.SingleBar>();
  const lastPlain = new Map<string, number>();
  const label = (marketplace: string, type: string) => `${marketplace} ${type}`.padEnd(22);
  const write = (line: string) => {
    if (bars) bars.log(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  };

  return {
    onProgress(event) {
      switch (event.kind) {
        case "run-started": {
          const name = label(event.marketplace, event.type);
          if (bars) {
            active.set(
              name,
              bars.create(1, 0, { label: name, of: "", phase: "starting", errors: 0 }),
            );
          } else write(`${name} run ${event.runId} started`);
          return;
        }
        case "progress": {
          const name = label(event.marketplace, event.type);
          const { progress, counts } = event.recorder;
          const bar = active.get(name);
          if (bar) {
            const total = progress.total ?? progress.done;
            bar.setTotal(Math.max(total, 1));
            bar.update(progress.done, {
              of: progress.total === null ? "" : `/${progress.total}`,
              phase: progress.phase,
              errors: counts.errors,
            });
            return;
          }
          const now = Date.now();
          if (!bars && now - (lastPlain.get(name) ?? 0) >= PLAIN_INTERVAL_MS) {
            lastPlain.set(name, now);
            write(
              `${name} ${progress.phase}: ${progress.done}${progress.total === null ? "" : `/${progress.total}`} (${counts.errors} errors)`,
            );
          }
          return;
        }
        case "order": {
          if (!options.verbose) return;
          const { order } = event;
          const accepted = order.accepted ? `, ${order.accepted} line(s) accepted` : "";
          const why = order.message ? `: ${order.message}` : "";
          write(
            `  ${order.marketplace} order ${order.externalId} ${order.outcome}${accepted}${why}`,
          );
          return;
        }
        case "run-finished": {
          const { run } = event;
          const name = label(run.marketplace, run.type);
          const bar = active.get(name);
          if (bar) {
            bar.setTotal(Math.max(bar.getTotal(), bar.getProgress() > 0 ? bar.getTotal() : 1));
            bar.update(bar.getTotal(), { phase: run.status, errors: run.counts.errors });
            bar.stop();
            active.delete(name);
          } else write(`${name} ${run.status}${run.message ? `: ${run.message}` : ""}`);
        }
      }
    },
    stop() {
      bars?.stop();
    },
  };
}

const columns = [
  ["marketplace", (r: RunSummary) => r.marketplace],
  ["type", (r: RunSummary) => r.type],
  ["status", (r: RunSummary) => r.status],
  ["fetched", (r: RunSummary) => String(r.counts.fetched)],
  ["created", (r: RunSummary) => String(r.counts.created)],
  ["updated", (r: RunSummary) => String(r.counts.updated)],
  ["events", (r: RunSummary) => String(r.counts.events)],
  ["locks", (r: RunSummary) => String(r.counts.locks)],
  ["accepted", (r: RunSummary) => String(r.counts.accepted)],
  ["skipped", (r: RunSummary) => String(r.counts.skipped)],
  ["errors", (r: RunSummary) => String(r.counts.errors)],
  ["duration", (r: RunSummary) => `${(r.durationMs / 1000).toFixed(1)}s`],
] as const;

const ERRORS_SHOWN = 10;

/** The end-of-run table, then each run's message and first failed orders. */
export function formatSummary(summary: SyncSummary): string {
  if (summary.runs.length === 0) return "No active marketplace to sync.\n";
  const cells = summary.runs.map((run) => columns.map(([, value]) => value(run)));
  const widths = columns.map(([title], i) =>
    Math.max(title.length, ...cells.map((row) => (row[i] ?? "").length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const out = [line(columns.map(([title]) => title)), line(widths.map((w) => "-".repeat(w)))];
  for (const row of cells) out.push(line(row));
  for (const run of summary.runs) {
    if (run.message) out.push(`${run.marketplace} ${run.type}: ${run.message}`);
    for (const error of run.errors.slice(0, ERRORS_SHOWN)) {
      out.push(
        `  order ${error.orderId ?? "?"}${error.path ? ` (${error.path})` : ""}: ${error.message}`,
      );
    }
    if (run.counts.errors > ERRORS_SHOWN) {
      out.push(`  … and ${run.counts.errors - ERRORS_SHOWN} more (see sync run ${run.runId})`);
    }
  }
  if (summary.push) {
    const { pushed, unchanged, failed, deferred } = summary.push;
    out.push(
      `push: ${pushed} pushed, ${unchanged} unchanged, ${failed} failed (retried later), ${deferred} without a listing`,
    );
  }
  return `${out.join("\n")}\n`;
}
