import type { SyncRunRow } from "@/lib/queries/sync-runs";

type RunErrorsRow = Pick<SyncRunRow, "errors" | "message" | "status" | "errorDetails">;

/**
 * The error count, expandable into the per-order errors and the run's message. A message of a
 * run without errors that did not fail is information (e.g. "3 quantity correction(s)
 * queued"), shown as such, never as an error.
 */
export function RunErrors({ run }: { run: RunErrorsRow }) {
  if (run.errors === 0 && !run.message)
    return <span className="text-zinc-600 dark:text-zinc-400">0</span>;
  if (run.errors === 0 && run.status !== "failed") {
    return (
      <span className="block max-w-md text-xs text-zinc-600 dark:text-zinc-400">
        0 · {run.message}
      </span>
    );
  }
  return (
    <details className="max-w-md text-xs">
      <summary className="cursor-pointer text-red-700 dark:text-red-400">
        {run.errors} {run.errors === 1 ? "error" : "errors"}
        {run.message ? " · message" : ""}
      </summary>
      {run.message ? <p className="mt-1 font-medium">{run.message}</p> : null}
      <ul className="mt-1 list-disc pl-4">
        {run.errorDetails.map((error, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id; the list is static
          <li key={i}>
            {error.orderId ? <span className="font-mono">{error.orderId}: </span> : null}
            {error.message}
            {error.path ? (
              <span className="text-zinc-600 dark:text-zinc-400"> ({error.path})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
