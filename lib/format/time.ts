// Time formatting shared by server and client renders: a fixed zone (UTC) so both agree.

const absolute = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "2025-11-21 14:05" (UTC). */
export function formatAbsolute(date: Date): string {
  const parts = Object.fromEntries(absolute.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const units: [limitSeconds: number, divisor: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [86_400 * 60, 86_400, "d"],
  [Number.POSITIVE_INFINITY, 86_400 * 30, "mo"],
];

/** "3 h ago", "in 5 min", "now". */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  if (magnitude < 5) return "now";
  for (const [limit, divisor, unit] of units) {
    if (magnitude < limit) {
      const value = Math.floor(magnitude / divisor);
      return seconds >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
    }
  }
  return "";
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
