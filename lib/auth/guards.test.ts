import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AuthConfigError, authSettingsFromEnv, DEVELOPMENT_AUTH_SECRET } from "./config";
import { safeNextPath } from "./next-path";
import { isPublicPath } from "./public-paths";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it("orders viewer < operator < admin", () => {
    expect(hasRole({ role: "viewer" }, "viewer")).toBe(true);
    expect(hasRole({ role: "viewer" }, "operator")).toBe(false);
    expect(hasRole({ role: "operator" }, "operator")).toBe(true);
    expect(hasRole({ role: "operator" }, "admin")).toBe(false);
    expect(hasRole({ role: "admin" }, "operator")).toBe(true);
  });
  it("grants nothing to an unknown role or no user", () => {
    expect(hasRole({ role: "superuser" }, "viewer")).toBe(false);
    expect(hasRole(null, "viewer")).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps paths on this site with their query", () => {
    expect(safeNextPath("/orders?status=new&page=2")).toBe("/orders?status=new&page=2");
    expect(safeNextPath("/v2/stock-locks")).toBe("/v2/stock-locks");
  });
  it.each([
    null,
    "",
    "orders",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "/\t/evil.example",
    "/login?next=/x",
  ])("sends %j home", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});

describe("isPublicPath", () => {
  it("lets the sign-in page, the auth API, health and cron through", () => {
    for (const path of [
      "/login",
      "/api/auth/sign-in/email",
      "/api/health",
      "/api/cron/sync",
      "/api/cron",
      "/api/metrics",
      "/api/webhooks/shopify/shop-fr",
    ]) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });
  it("keeps everything else behind sign-in, including look-alikes", () => {
    for (const path of [
      "/",
      "/audit",
      "/orders/1",
      "/api/audit",
      "/loginx",
      "/api/healthz",
      "/api/metricsx",
      "/api/webhooks",
      "/api/webhooks/other/shop-fr",
      "/api/webhooks/shopifyx",
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});

describe("authSettingsFromEnv", () => {
  it("refuses to run production without a secret, with a clear message", () => {
    expect(() => authSettingsFromEnv(parseEnv({ NODE_ENV: "production" }))).toThrowError(
      AuthConfigError,
    );
    expect(() => authSettingsFromEnv(parseEnv({ NODE_ENV: "production" }))).toThrowError(
      /BETTER_AUTH_SECRET/,
    );
  });
  it("uses the development secret only outside production", () => {
    expect(authSettingsFromEnv(parseEnv({ NODE_ENV: "development" })).secret).toBe(
      DEVELOPMENT_AUTH_SECRET,
    );
  });
  it("rejects a short secret", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrowError(/BETTER_AUTH_SECRET/);
  });
  it("makes cookies Secure only for an https base URL", () => {
    const secret = "x".repeat(32);
    const http = parseEnv({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: secret,
      BETTER_AUTH_URL: "http://127.0.0.1:3100",
    });
    expect(authSettingsFromEnv(http).secureCookies).toBe(false);
    const https = parseEnv({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: secret,
      BETTER_AUTH_URL: "https://stock.example.com/",
    });
    expect(authSettingsFromEnv(https)).toMatchObject({
      secureCookies: true,
      baseURL: "https://stock.example.com",
    });
    expect(
      authSettingsFromEnv(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }))
        .secureCookies,
    ).toBe(true);
  });
  it("reads TRUSTED_PROXY_HOPS (default 0: only the TCP peer counts)", () => {
    expect(authSettingsFromEnv(parseEnv({})).trustedProxyHops).toBe(0);
    expect(authSettingsFromEnv(parseEnv({ TRUSTED_PROXY_HOPS: "2" })).trustedProxyHops).toBe(2);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrowError(/TRUSTED_PROXY_HOPS/);
  });
});
