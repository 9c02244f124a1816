"use client";

// The only importer of recharts: a client component that /sync alone renders, so the library
// lands in that route's chunks and in no other page's first-load JS.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bucketTicks, integerDomain, integerTicks } from "@/lib/format/chart-ticks";
import type { SyncDay } from "@/lib/queries/sync-runs";

const n = (value: number) => value.toLocaleString("en");

/** Orders synced (bars, left axis) and errors (red bars, right axis) per day. */
export function SyncActivityChart({ days }: { days: SyncDay[] }) {
  const totalOrders = days.reduce((sum, d) => sum + d.orders, 0);
  const totalErrors = days.reduce((sum, d) => sum + d.errors, 0);
  const orderTicks = integerTicks(Math.max(0, ...days.map((d) => d.orders)));
  const errorTicks = integerTicks(Math.max(0, ...days.map((d) => d.errors)));
  const summary = `Orders synced and errors per day over the last ${days.length} days: ${n(totalOrders)} orders, ${n(totalErrors)} errors`;
  return (
    <figure className="mb-3 rounded border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-1 flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          <span aria-hidden className="mr-1 inline-block size-2 bg-sky-500" />
          Orders synced per day ({n(totalOrders)} in {days.length} days)
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block size-2 bg-red-500" />
          Errors per day ({n(totalErrors)}, right axis)
        </span>
      </figcaption>
      <div
        role="img"
        aria-label={summary}
        className="h-36 w-full"
        data-testid="sync-activity-chart"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={days}
            margin={{ top: 8, right: 4, bottom: 0, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <XAxis
              dataKey="day"
              ticks={bucketTicks(days.map((d) => d.day))}
              tickFormatter={(day: string) => day.slice(5)}
              tick={{ fontSize: 10 }}
              interval={0}
            />
            <YAxis
              yAxisId="orders"
              allowDecimals={false}
              ticks={orderTicks}
              domain={integerDomain(orderTicks)}
              tick={{ fontSize: 10 }}
              width={44}
            />
            <YAxis
              yAxisId="errors"
              orientation="right"
              allowDecimals={false}
              ticks={errorTicks}
              domain={integerDomain(errorTicks)}
              tick={{ fontSize: 10, fill: "#dc2626" }}
              width={32}
            />
            <Tooltip
              formatter={(value, name) => [
                n(Number(value)),
                name === "errors" ? "errors" : "orders",
              ]}
            />
            <Bar yAxisId="orders" dataKey="orders" fill="#0ea5e9" isAnimationActive={false} />
            <Bar yAxisId="errors" dataKey="errors" fill="#ef4444" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only" data-testid="sync-activity-table">
        <caption>Orders synced, errors and runs per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Orders</th>
            <th scope="col">Errors</th>
            <th scope="col">Runs</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.orders}</td>
              <td>{d.errors}</td>
              <td>{d.runs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
