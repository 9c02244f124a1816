import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures/sign-in";

test("the home page is behind sign-in and is the overview once signed in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await signInAs(page, "viewer");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("/api/health answers 200 with the database up, without signing in", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  // Public: up or down only, nothing about the database behind it.
  expect(body).toEqual({ status: "ok" });
});
