// The dialogs staff act through, open, signed in as admin, at phone width (light) and at desktop
// width in the dark theme: no serious or critical axe violation, and the dialog fits the screen.
// Nothing is confirmed: each dialog is opened, checked and closed with Escape.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type PageTarget, settled, signInBeforeAll, views } from "./fixtures/admin-pages";
import { attachScreenshot } from "./fixtures/screenshot";

interface DialogCase {
  name: string;
  /** Where the button is. */
  path: PageTarget;
  /** The accessible name of the button that opens the dialog (the first match is used). */
  opener: RegExp;
}

const dialogs: DialogCase[] = [
  { name: "listing-rules", path: "/v2/listing", opener: /^Edit rules of \S+ on / },
  {
    name: "release-lock",
    path: { from: "/orders?status=new", link: /^\/orders\/\d+$/ },
    opener: /^Release lock of line/,
  },
  {
    name: "record-return",
    path: { from: "/orders?status=shipped", link: /^\/orders\/\d+$/ },
    opener: /^Record a return for line/,
  },
  // e2e/prepare/40-returns.ts leaves one return received: restock and write-off apply to it.
  { name: "restock-return", path: "/returns?status=received", opener: /^Restock return/ },
  { name: "write-off-return", path: "/returns?status=received", opener: /^Write off return/ },
  { name: "deactivate-user", path: "/users", opener: /^Deactivate / },
];

const dialogViews = views.filter((view) => view.name !== "desktop");

const admin = signInBeforeAll(dialogs.map((d) => d.path));

const pathOf = (d: DialogCase) => admin().pathOf(d.path);

async function openDialog(page: Page, d: DialogCase) {
  await page.goto(pathOf(d));
  await settled(page);
  const opener = page.getByRole("button", { name: d.opener }).first();
  await expect(opener, `${d.opener} on ${pathOf(d)}`).toBeVisible();
  await opener.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

for (const view of dialogViews) {
  test.describe(`${view.name}: ${view.width} px, ${view.colorScheme} theme`, () => {
    for (const d of dialogs) {
      test(`${d.name} dialog: no serious or critical accessibility violation`, async ({
        browser,
      }, testInfo) => {
        const context = await browser.newContext({
          viewport: { width: view.width, height: view.height },
          colorScheme: view.colorScheme,
          storageState: admin().state,
        });
        const page = await context.newPage();
        try {
          const dialog = await openDialog(page, d);
          const { violations } = await new AxeBuilder({ page }).analyze();
          await testInfo.attach(`axe-${view.name}-${d.name}-dialog.json`, {
            body: JSON.stringify(violations, null, 2),
            contentType: "application/json",
          });
          const blocking = violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
            );
          expect(blocking, `${d.name} dialog on ${pathOf(d)}`).toEqual([]);
          // The whole dialog is on screen: nothing cut off at the sides.
          const box = await dialog.boundingBox();
          expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
          expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(view.width);
          if (view.name === "phone") await attachScreenshot(page, testInfo, `dialog-${d.name}`);
          await page.keyboard.press("Escape");
          await expect(dialog).toBeHidden();
        } finally {
          await context.close();
        }
      });
    }
  });
}
