import { DateTime } from "@/components/ui/date-time";
import { type TimelineEntry, timelineRaw, timelineSentence } from "@/lib/format/timeline";

const dotClass: Record<TimelineEntry["kind"], string> = {
  event: "bg-violet-500",
  movement: "bg-amber-500",
  audit: "bg-sky-500",
};

/** Domain events, stock movements and staff actions of the order, newest first, in sentences. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) {
    return (
      <p className="text-xs text-zinc-500 dark:text-zinc-400">No events recorded for this order.</p>
    );
  }
  return (
    <ol
      className="flex flex-col border-l border-zinc-300 pl-3 text-xs dark:border-zinc-700"
      aria-label="Timeline"
    >
      {entries.map((entry) => (
        <li key={entry.key} className="relative py-1">
          <span
            aria-hidden
            className={`absolute top-2.5 -left-[17px] size-2 rounded-full ${dotClass[entry.kind]}`}
          />
          <DateTime value={entry.at} />
          <span className="ml-2">{timelineSentence(entry)}</span>
          <details className="mt-0.5 ml-1">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
              Raw {entry.kind === "event" ? `event ${entry.type}` : entry.kind}
            </summary>
            <pre className="mt-1 rounded bg-zinc-100 p-2 font-mono text-[11px] break-all whitespace-pre-wrap dark:bg-zinc-800">
              {timelineRaw(entry)}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
