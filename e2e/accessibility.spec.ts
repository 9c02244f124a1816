// Every page, signed in as admin (or signed out for /login), at a desktop and a phone width and
// in the dark theme: no serious or critical axe violation; at the phone width no page scrolls
// sideways (wide tables scroll inside their own region) and a full-page screenshot goes to the
// report.
// A new page is one line in `pages`.
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, test } from "@playwright/test";
import { type PageTarget, settled, signInBeforeAll, views } from "./fixtures/admin-pages";
import { attachScreenshot } from "./fixtures/screenshot";

interface PageCase {
  name: string;
  path: PageTarget;
  signedOut?: boolean;
}

const pages: PageCase[] = [
  { name: "overview", path: "/" },
  { name: "orders", path: "/orders" },
  { name: "order", path: { from: "/orders", link: /^\/orders\/\d+$/ } },
  { name: "listing", path: "/v2/listing" },
  { name: "listing-detail", path: { from: "/v2/listing", link: /^\/v2\/listing\/\d+$/ } },
  { name: "stock-locks", path: "/v2/stock-locks" },
  { name: "sync", path: "/sync" },
  { name: "marketplaces", path: "/marketplaces" },
  { name: "marketplace", path: { from: "/marketplaces", link: /^\/marketplaces\/\d+$/ } },
  { name: "marketplace-new", path: "/marketplaces/new" },
  { name: "users", path: "/users" },
  { name: "audit", path: "/audit" },
  { name: "returns", path: "/returns" },
  { name: "login", path: "/login", signedOut: true },
];

const viewports = views;

const admin = signInBeforeAll(pages.map((p) => p.path));

const pathOf = (p: PageCase) => admin().pathOf(p.path);

async function openPage(browser: Browser, p: PageCase, viewport: (typeof viewports)[number]) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    colorScheme: viewport.colorScheme,
    storageState: p.signedOut ? undefined : admin().state,
  });
  const page = await context.newPage();
  const response = await page.goto(pathOf(p));
  expect(response?.status(), `${pathOf(p)} answers`).toBeLessThan(400);
  await settled(page);
  const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  expect(dark, `${pathOf(p)} in the ${viewport.colorScheme} theme`).toBe(
    viewport.colorScheme === "dark",
  );
  return { context, page };
}

/** Violations, one paragraph each, with the first few offending elements. */
function describeViolations(
  violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"],
): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replaceAll("\n", " ")}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
      return `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n\n");
}

for (const viewport of viewports) {
  test.describe(`${viewport.name}: ${viewport.width} px, ${viewport.colorScheme} theme`, () => {
    for (const p of pages) {
      test(`${p.name}: no serious or critical accessibility violation`, async ({
        browser,
      }, testInfo) => {
        const { context, page } = await openPage(browser, p, viewport);
        try {
          const { violations, incomplete } = await new AxeBuilder({ page }).analyze();
          // Everything axe said (minor and moderate findings too), for whoever reads the report.
          await testInfo.attach(`axe-${viewport.name}-${p.name}.json`, {
            body: JSON.stringify({ violations, incomplete }, null, 2),
            contentType: "application/json",
          });
          const blocking = violations.filter(
            (v) => v.impact === "serious" || v.impact === "critical",
          );
          expect(blocking, `${pathOf(p)}:\n${describeViolations(blocking)}`).toEqual([]);
          // A rule that could not run checked nothing (e.g. a colour axe cannot parse skips
          // every contrast check): that is a failure too, never a silent pass.
          const broken = incomplete.filter((result) => "error" in result && result.error);
          expect(
            broken.map((r) => `${r.id}: ${(r as { error?: { message?: string } }).error?.message}`),
            `${pathOf(p)}: axe rules that could not run`,
          ).toEqual([]);
          if (viewport.name !== "phone") return;
          // Wide tables scroll inside their region; the document itself never scrolls sideways.
          const overflow = await page.evaluate(() => ({
            document: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth,
          }));
          expect(overflow.document, `${pathOf(p)} scrolls sideways`).toBeLessThanOrEqual(
            overflow.viewport,
          );
          await attachScreenshot(page, testInfo, `phone-${p.name}`);
        } finally {
          await context.close();
        }
      });
    }
  });
}

test("at phone width the menu opens from the keyboard, navigates and closes", async ({
  browser,
}) => {
  const { context, page } = await openPage(
    browser,
    { name: "orders", path: "/orders" },
    viewports[1],
  );
  try {
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await nav.getByRole("link", { name: "Stock locks" }).click();
    await expect(page).toHaveURL(/\/v2\/stock-locks$/);
    await expect(page.getByRole("heading", { level: 1, name: "Stock locks" })).toBeVisible();
    await expect(nav).toBeHidden();
    // A wide table scrolls in its own focusable region, its key column still in view.
    const region = page.getByRole("region", { name: /Stock locks/ });
    await region.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => region.evaluate((el) => el.scrollLeft), { message: "the table scrolls" })
      .toBeGreaterThan(0);
    const keyCell = region.locator("tbody tr").first().locator("td").first();
    const box = await keyCell.boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewports[1].width);
  } finally {
    await context.close();
  }
});

test("at desktop width the navigation is always shown, without a menu button", async ({
  browser,
}) => {
  const { context, page } = await openPage(
    browser,
    { name: "orders", path: "/orders" },
    viewports[0],
  );
  try {
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  } finally {
    await context.close();
  }
});
