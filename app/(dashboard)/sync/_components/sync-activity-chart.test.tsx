// The sync activity chart's text alternative (what a screen reader and axe get): the totals in
// its name and one row per day bucket with the stored counts. The drawn axes use
// lib/format/chart-ticks (unit-tested there); e2e/overview-alerts.spec.ts reads the ticks that
// Chromium draws.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SyncDay } from "@/lib/queries/sync-runs";
import { SyncActivityChart } from "./sync-activity-chart";

const render = (days: SyncDay[]) =>
  renderToStaticMarkup(createElement(SyncActivityChart, { days }));

function rows(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1] ?? ""),
  );
}

describe("SyncActivityChart", () => {
  it("with no errors, says 0 errors (never 1)", () => {
    const html = render([
      { day: "2026-11-28", orders: 4, errors: 0, runs: 2 },
      { day: "2026-11-29", orders: 0, errors: 0, runs: 0 },
    ]);
    expect(html).toContain(
      'aria-label="Orders synced and errors per day over the last 2 days: 4 orders, 0 errors"',
    );
    expect(html).toContain("Errors per day (0, right axis)");
    expect(rows(html).map((r) => r[2])).toEqual(["0", "0"]);
    expect(html).not.toMatch(/\b1 errors?\b/);
  });

  it("gives every day bucket its stored counts", () => {
    const days = [
      { day: "2026-11-27", orders: 120, errors: 3, runs: 12 },
      { day: "2026-11-28", orders: 0, errors: 0, runs: 0 },
      { day: "2026-11-29", orders: 7, errors: 1, runs: 4 },
    ];
    const html = render(days);
    expect(rows(html)).toEqual(
      days.map((d) => [d.day, String(d.orders), String(d.errors), String(d.runs)]),
    );
    expect(html).toContain("127 orders, 4 errors");
    expect(html).toContain('role="img"');
  });
});
