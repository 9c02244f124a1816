import { DateTime } from "@/components/ui/date-time";
import type { TimelineEntry } from "@/lib/queries/order-detail";

/** Domain events and stock movements of the order, newest first. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) {
    return <p className="text-xs text-zinc-500">No events recorded for this order.</p>;
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
            className={`absolute top-2.5 -left-[17px] size-2 rounded-full ${entry.kind === "event" ? "bg-violet-500" : "bg-amber-500"}`}
          />
          <DateTime value={entry.at} />
          <span className="ml-2 font-medium">{entry.type}</span>
          <span className="ml-2 font-mono break-all text-zinc-600 dark:text-zinc-400">
            {entry.detail}
          </span>
        </li>
      ))}
    </ol>
  );
}
