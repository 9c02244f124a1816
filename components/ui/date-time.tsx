import { formatAbsolute, formatRelative } from "@/lib/format/time";

/**
 * A timestamp as "2025-11-21 14:05 UTC · 3 h ago". The relative part depends on the clock, so
 * the client may render it a second later than the server: hydration warnings are suppressed.
 */
export function DateTime({
  value,
  relative = true,
  emptyLabel = "—",
}: {
  value: Date | string | null | undefined;
  relative?: boolean;
  emptyLabel?: string;
}) {
  if (!value) return <span className="text-zinc-600 dark:text-zinc-400">{emptyLabel}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time
      dateTime={date.toISOString()}
      title={date.toISOString()}
      className="whitespace-nowrap tabular-nums"
      suppressHydrationWarning
    >
      {formatAbsolute(date)}
      {relative ? (
        <span className="ml-1 text-zinc-600 dark:text-zinc-400">· {formatRelative(date)}</span>
      ) : null}
    </time>
  );
}
