// Issue 12: the sign-in form works without JavaScript and never puts the password in a URL;
// the server runs with the README's production settings (NODE_ENV=production,
// BETTER_AUTH_SECRET set, BETTER_AUTH_URL unset: see playwright.config.ts).
import { expect, test } from "@playwright/test";
import { e2eUsers } from "./fixtures/users";

test.describe("sign-in form without JavaScript", () => {
  test("posts, signs in and follows `next`; the password is in no URL", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    const user = e2eUsers.admin;

    await page.goto(`/login?next=${encodeURIComponent("/audit?outcome=failed")}`);
    await expect(page.locator("form")).toHaveAttribute("method", /^post$/i);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/audit\?outcome=failed$/);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) {
      expect(url).not.toContain(user.password);
      expect(url).not.toContain("password=");
    }
    await context.close();
  });

  test("a wrong password shows the error, still without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eUsers.viewer.email);
    await page.getByLabel("Password").fill("no-js-wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    expect(page.url()).not.toContain("no-js-wrong-password");
    await context.close();
  });
});

test.describe("production settings (BETTER_AUTH_URL unset)", () => {
  test("the browser's own origin signs in through the auth API", async ({ request, baseURL }) => {
    const response = await request.post("/api/auth/sign-in/email", {
      headers: { origin: baseURL ?? "" },
      data: { email: e2eUsers.viewer.email, password: e2eUsers.viewer.password },
    });
    expect(response.status()).toBe(200);
    expect(response.headers()["set-cookie"]).toMatch(/session_token=.*HttpOnly/);
  });

  test("another site's origin is refused and does not count against the account", async ({
    request,
    page,
  }) => {
    for (let i = 0; i < 6; i++) {
      const response = await request.post("/api/auth/sign-in/email", {
        headers: { origin: "https://evil.example" },
        data: { email: e2eUsers.operator.email, password: "not-the-password-123" },
      });
      expect(response.status()).toBe(403);
    }
    // From the same address, the right password still signs in (through the form, with JS).
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eUsers.operator.email);
    await page.getByLabel("Password").fill(e2eUsers.operator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await expect(page.getByTestId("signed-in-user")).toContainText(e2eUsers.operator.email);
  });
});
