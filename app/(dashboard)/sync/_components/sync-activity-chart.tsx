import type { SyncDay } from "@/lib/queries/sync-runs";

const WIDTH = 720;
const HEIGHT = 140;
const PAD = { top: 10, right: 36, bottom: 18, left: 40 };

/** Orders synced (bars) and errors (red bars, right axis) per day, in plain SVG. */
export function SyncActivityChart({ days }: { days: SyncDay[] }) {
  const maxOrders = Math.max(1, ...days.map((d) => d.orders));
  const maxErrors = Math.max(1, ...days.map((d) => d.errors));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.45);
  const totalOrders = days.reduce((sum, d) => sum + d.orders, 0);
  const totalErrors = days.reduce((sum, d) => sum + d.errors, 0);
  return (
    <figure className="mb-3 rounded border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-1 flex gap-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          <span aria-hidden className="mr-1 inline-block size-2 bg-sky-500" />
          Orders synced per day ({totalOrders.toLocaleString("en")} in {days.length} days)
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block size-2 bg-red-500" />
          Errors per day ({totalErrors.toLocaleString("en")})
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-36 w-full"
        role="img"
        aria-label={`Orders synced and errors per day over the last ${days.length} days`}
      >
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          className="stroke-zinc-300 dark:stroke-zinc-700"
        />
        <text
          x={PAD.left - 4}
          y={PAD.top + 8}
          textAnchor="end"
          className="fill-zinc-500 text-[9px]"
        >
          {maxOrders}
        </text>
        <text x={WIDTH - PAD.right + 4} y={PAD.top + 8} className="fill-red-500 text-[9px]">
          {maxErrors}
        </text>
        {days.map((d, i) => {
          const x = PAD.left + i * slot;
          const ordersH = (d.orders / maxOrders) * plotH;
          const errorsH = (d.errors / maxErrors) * plotH;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.orders} orders, ${d.errors} errors, ${d.runs} runs`}</title>
              <rect
                x={x + 1}
                y={PAD.top + plotH - ordersH}
                width={barW}
                height={ordersH}
                className="fill-sky-500"
              />
              <rect
                x={x + 1 + barW}
                y={PAD.top + plotH - errorsH}
                width={Math.max(1, barW * 0.6)}
                height={errorsH}
                className="fill-red-500"
              />
              {i % 5 === 0 ? (
                <text x={x + 1} y={HEIGHT - 4} className="fill-zinc-500 text-[9px]">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
