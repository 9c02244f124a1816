import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { PushStatus } from "@/db/schema/enums";
import type { PushAttemptRow } from "@/lib/queries/push-history";

const statusTone: Record<PushStatus, BadgeTone> = {
  sent: "green",
  failed: "red",
  superseded: "amber",
};

/**
 * A listing's latest push attempts, newest first: when, quantity sent, how it ended, the
 * marketplace's HTTP status, the error and how long the call took. Scrolls sideways on a phone.
 */
export function PushHistoryTable({ attempts }: { attempts: PushAttemptRow[] }) {
  if (attempts.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No push attempts in the last 90 days.
      </p>
    );
  }
  return (
    <ScrollRegion label="Push attempts">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Push attempts, newest first</caption>
        <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Attempted
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Quantity
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Status
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              HTTP
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Error
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr
              key={attempt.id}
              className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800"
            >
              <td className="px-2 py-1.5">
                <DateTime value={attempt.attemptedAt} />
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{attempt.quantity}</td>
              <td className="px-2 py-1.5">
                <Badge tone={statusTone[attempt.status]}>{attempt.status}</Badge>
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{attempt.httpStatus ?? "—"}</td>
              <td className="min-w-48 max-w-96 px-2 py-1.5 break-words text-red-700 dark:text-red-400">
                {attempt.error ?? ""}
              </td>
              <td className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums">
                {attempt.durationMs === null ? "—" : `${attempt.durationMs} ms`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
