import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures/sign-in";
import { e2eUsers } from "./fixtures/users";

test.describe("sign-in", () => {
  test("signs in and out", async ({ page, context }) => {
    await signInAs(page, "operator");
    // Staff land on the overview ("/"); the sidebar names who is signed in.
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("signed-in-user")).toContainText(e2eUsers.operator.email);

    const [cookie] = (await context.cookies()).filter((c) => c.name.endsWith("session_token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
  });

  test("a wrong password shows an error and does not sign in", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eUsers.viewer.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
  });

  test("returns to the requested page after signing in (`next`)", async ({ page }) => {
    await page.goto("/audit?outcome=failed");
    await expect(page).toHaveURL(/\/login\?next=%2Faudit%3Foutcome%3Dfailed$/);
    await page.getByLabel("Email").fill(e2eUsers.admin.email);
    await page.getByLabel("Password").fill(e2eUsers.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/audit\?outcome=failed$/);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    // The wrong password of the previous test is on record, without the password.
    const row = page.getByRole("row").filter({ hasText: "auth.sign_in_failed" }).first();
    await expect(row).toContainText(e2eUsers.viewer.email);
    await expect(page.getByText("not-the-password")).toHaveCount(0);
  });

  test("an open redirect in `next` is ignored", async ({ page }) => {
    await signInAs(page, "viewer", "//evil.example/");
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  });

  test("the demo credentials are not shown outside demo mode", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in to Stocklock" })).toBeVisible();
    await expect(page.getByLabel("Demo credentials")).toHaveCount(0);
  });
});

test.describe("roles", () => {
  test("a viewer gets a 403 page on /audit and /users", async ({ page }) => {
    await signInAs(page, "viewer");
    for (const path of ["/audit", "/users"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
  });

  test("an admin changes a role on /users and the audit log records it", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/users");
    const row = page.getByRole("row").filter({ hasText: e2eUsers.operator.email });
    await row.getByLabel(`Role of ${e2eUsers.operator.email}`).selectOption("viewer");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");
    await page.goto("/audit?action=user.role_changed");
    const entry = page.getByRole("row").filter({ hasText: "user.role_changed" }).first();
    await expect(entry).toContainText(e2eUsers.admin.email);
    await expect(entry).toContainText('"to":"viewer"');
    // Put the operator back for the other specs.
    await page.goto("/users");
    await row.getByLabel(`Role of ${e2eUsers.operator.email}`).selectOption("operator");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");
  });

  test("security headers are sent", async ({ request }) => {
    const response = await request.get("/login");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });

  test("signed-out API calls get 401, cron and health are never redirected", async ({
    request,
  }) => {
    const audit = await request.get("/api/audit", { maxRedirects: 0 });
    expect(audit.status()).toBe(401);
    const cron = await request.get("/api/cron/sync", { maxRedirects: 0 });
    expect(cron.headers().location).toBeUndefined();
    expect(cron.status()).not.toBe(307);
  });
});
