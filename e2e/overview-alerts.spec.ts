// Alerts end to end: Back Market refuses listing updates (the simulator's fault injection), a
// sale makes a push that fails, the push_failing alert opens, shows on the overview and
// reaches a real webhook receiver once; once Back Market takes updates again and the push
// lands, the alert resolves, once. And the /sync chart's drawn axes against its data.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { integerTicks } from "@/lib/format/chart-ticks";
import { receivedAlerts } from "./fixtures/alert-webhook";
import { attachScreenshot } from "./fixtures/screenshot";
import { e2eCronSecret } from "./fixtures/server-secrets";
import { signInAs } from "./fixtures/sign-in";
import { addSimulatorOrder, roomySku, simulatedCodes, simulatorUrl } from "./fixtures/simulator";

const simBm = simulatedCodes.backmarket;
const subject = `${simBm}:${roomySku}`;
const cron = { authorization: `Bearer ${e2eCronSecret}` };

interface AlertReport {
  opened: { kind: string; subject: string }[];
  resolved: { kind: string; subject: string }[];
  open: { kind: string; subject: string }[];
}

async function evaluateAlerts(request: APIRequestContext): Promise<AlertReport> {
  const response = await request.post("/api/cron/alerts", { headers: cron });
  expect(response.status()).toBe(200);
  return (await response.json()) as AlertReport;
}

async function cronSync(request: APIRequestContext, type: string): Promise<void> {
  const response = await request.post(`/api/cron/sync?type=${type}&marketplace=${simBm}`, {
    headers: cron,
    timeout: 60_000,
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** The notifications the receiver got about this push alert, by status. */
async function notified(status: "open" | "resolved"): Promise<number> {
  const all = await receivedAlerts();
  return all.filter(
    (n) =>
      n.alert.kind === "push_failing" && n.alert.subject === subject && n.alert.status === status,
  ).length;
}

async function setListingFault(on: boolean): Promise<void> {
  const response = on
    ? await fetch(`${simulatorUrl}/_simulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "status",
          status: 422,
          count: 10_000,
          match: { channel: "backmarket", method: "POST", pathPrefix: "/ws/listings" },
        }),
      })
    : await fetch(`${simulatorUrl}/_simulator/faults`, { method: "DELETE" });
  expect(response.ok).toBe(true);
}

test("a failing push opens one alert: on /, posted once; it resolves once when the push lands", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  await setListingFault(true);
  try {
    // A sale on Back Market: the lock lowers the quantity to push, and Back Market refuses it.
    await addSimulatorOrder(roomySku);
    await cronSync(request, "new");
    await expect
      .poll(async () => (await evaluateAlerts(request)).open.some((a) => a.subject === subject), {
        timeout: 30_000,
      })
      .toBe(true);
    // Delivered once, however often the alerts are evaluated.
    await expect
      .poll(async () => {
        await evaluateAlerts(request);
        return notified("open");
      })
      .toBe(1);
    await evaluateAlerts(request);
    expect(await notified("open")).toBe(1);

    await signInAs(page, "viewer");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    const alerts = page.getByTestId("open-alerts");
    const row = alerts.locator("tbody tr").filter({ hasText: subject });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Pushes failing");
    await expect(row).toContainText("422");
    await expect(page.getByTestId("pushes-failing")).not.toHaveText(/^0 failing$/);
    await attachScreenshot(page, testInfo, "overview-with-push-alert");
  } finally {
    await setListingFault(false);
  }

  // Back Market takes updates again. The failed push is retried once its backoff (30 s after
  // the first failure) has passed, by the drain at the end of any sync run.
  await expect
    .poll(
      async () => {
        await cronSync(request, "new");
        return (await evaluateAlerts(request)).open.some((a) => a.subject === subject);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(false);
  await expect
    .poll(async () => {
      await evaluateAlerts(request);
      return notified("resolved");
    })
    .toBe(1);
  await evaluateAlerts(request);
  expect(await notified("resolved")).toBe(1);
  expect(await notified("open")).toBe(1);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText(subject)).toHaveCount(0);
});

test("the /sync chart draws whole-number ticks from its data and labels real days", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  await page.goto("/sync");
  const chart = page.getByTestId("sync-activity-chart");
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  const days = await page
    .getByTestId("sync-activity-table")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll("th, td")].map((c) => c.textContent ?? "");
        return { day: cells[0] ?? "", orders: Number(cells[1]), errors: Number(cells[2]) };
      }),
    );
  expect(days).toHaveLength(30);
  // The two value axes' tick labels, left (orders) then right (errors), bottom to top.
  const yTicks = () =>
    chart.locator(".recharts-yAxis-tick-labels").evaluateAll((groups) =>
      groups
        .map((group) => ({
          x: group.getBoundingClientRect().x,
          ticks: [...group.querySelectorAll(".recharts-cartesian-axis-tick-value")]
            .map((tick) => ({ y: tick.getBoundingClientRect().y, text: tick.textContent ?? "" }))
            .sort((a, b) => b.y - a.y)
            .map((tick) => tick.text),
        }))
        .sort((a, b) => a.x - b.x)
        .map((group) => group.ticks),
    );
  const expected = (values: number[]) => integerTicks(Math.max(0, ...values)).map(String);
  await expect
    .poll(yTicks)
    .toEqual([expected(days.map((d) => d.orders)), expected(days.map((d) => d.errors))]);
  if (days.every((d) => d.errors === 0)) expect((await yTicks())[1]).toEqual(["0"]);
  const dayLabels = await chart
    .locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")
    .allTextContents();
  expect(dayLabels.length).toBeGreaterThan(1);
  for (const label of dayLabels) expect(days.map((d) => d.day.slice(5))).toContain(label);
  expect(dayLabels.at(-1)).toBe(days.at(-1)?.day.slice(5));
});
