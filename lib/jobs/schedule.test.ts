import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alertsCron } from "./alerts";
import { cronPath, syncSchedule } from "./schedule";

describe("sync schedule", () => {
  it("is what vercel.json's crons call, with the alert evaluation every minute", () => {
    const vercel = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../vercel.json"), "utf8"),
    ) as { crons: { path: string; schedule: string }[] };
    expect(vercel.crons).toEqual([
      ...syncSchedule.map((entry) => ({ path: cronPath(entry), schedule: entry.cron })),
      { path: "/api/cron/alerts", schedule: alertsCron },
    ]);
  });
  it("follows DESIGN: new 5 min, modified and care hourly, incomplete 30 min, stock 6 h", () => {
    const minutes = Object.fromEntries(syncSchedule.map((e) => [e.type, e.everyMinutes]));
    expect(minutes).toEqual({ new: 5, modified: 60, care: 60, incomplete: 30, stock: 360 });
  });
});
