import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { ListingRow } from "@/lib/queries/listing";

/**
 * Where a listing's push stands: in sync, pending since when, or failing since when after how
 * many attempts and with which error (the drain keeps retrying it; staff may need to act).
 */
export function PushStateCell({
  row,
}: {
  row: Pick<ListingRow, "pushState" | "pushPendingSince" | "pushAttempts" | "pushLastError">;
}) {
  if (row.pushState === "in_sync")
    return <span className="text-zinc-600 dark:text-zinc-400">in sync</span>;
  if (row.pushState === "pending") {
    return (
      <span className="block min-w-40 text-xs">
        <Badge tone="blue">pending</Badge>{" "}
        <span className="text-zinc-600 dark:text-zinc-400">since</span>{" "}
        <DateTime value={row.pushPendingSince} />
      </span>
    );
  }
  return (
    <span className="block min-w-52 text-xs">
      <Badge tone="red">failing</Badge>{" "}
      <span className="text-zinc-600 dark:text-zinc-400">since</span>{" "}
      <DateTime value={row.pushPendingSince} />
      <span className="block">
        {row.pushAttempts} {row.pushAttempts === 1 ? "attempt" : "attempts"}
      </span>
      {row.pushLastError ? (
        <span className="block max-w-72 break-words text-red-700 dark:text-red-400">
          last error: {row.pushLastError}
        </span>
      ) : null}
    </span>
  );
}
