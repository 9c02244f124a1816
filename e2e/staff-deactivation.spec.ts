import { type Browser, expect, type Page, test } from "@playwright/test";
import { signInAs } from "./fixtures/sign-in";
import { e2eLeaver } from "./fixtures/users";

async function signInAsLeaver(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(e2eLeaver.email);
  await page.getByLabel("Password").fill(e2eLeaver.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin");
  await page.goto("/users");
  return page;
}

async function confirmInDialog(page: Page, verb: "Deactivate" | "Reactivate"): Promise<void> {
  const row = page.getByRole("row").filter({ hasText: e2eLeaver.email });
  await row.getByRole("button", { name: `${verb} ${e2eLeaver.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `${verb} ${e2eLeaver.email}?` });
  await dialog.getByRole("button", { name: verb }).click();
  await expect(dialog).toBeHidden();
}

test("an admin deactivates an account: its open session ends, sign-in is refused, reactivation restores it", async ({
  page,
  browser,
}) => {
  await signInAsLeaver(page);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);

  const admin = await adminPage(browser);
  const row = admin.getByRole("row").filter({ hasText: e2eLeaver.email });
  await expect(row).toContainText("active");
  // A cancelled confirmation changes nothing.
  await row.getByRole("button", { name: `Deactivate ${e2eLeaver.email}` }).click();
  await admin.getByRole("button", { name: "Cancel" }).click();
  await expect(row).not.toContainText("deactivated");

  await confirmInDialog(admin, "Deactivate");
  await expect(row).toContainText("deactivated");

  // The leaver's browser still holds its cookie; the next request is sent to /login.
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/login\?next=%2Forders$/);
  await signInAsLeaver(page);
  // The same answer as a wrong password: nothing tells a stranger the account exists.
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await confirmInDialog(admin, "Reactivate");
  await expect(row).not.toContainText("deactivated");
  await signInAsLeaver(page);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);

  await admin.goto("/audit?action=user.");
  await expect(
    admin.getByRole("row").filter({ hasText: "user.deactivated" }).first(),
  ).toContainText("admin@e2e.test");
});

test("an admin's own row has no deactivate button", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/users");
  const own = page.getByRole("row").filter({ hasText: "(you)" });
  await expect(own).toContainText("active");
  await expect(own.getByRole("button", { name: /^Deactivate/ })).toHaveCount(0);
});
