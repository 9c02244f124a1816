import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

function call(path: string, init: { cookie?: string; action?: boolean } = {}): Response {
  const headers = new Headers();
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.action) headers.set("next-action", "abc123");
  return proxy(
    new NextRequest(`http://127.0.0.1:3100${path}`, {
      method: init.action ? "POST" : "GET",
      headers,
    }),
  );
}

describe("proxy (request interceptor)", () => {
  it("redirects a signed-out page request to /login with the path and query in `next`", () => {
    const response = call("/orders?status=new");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("next")).toBe("/orders?status=new");
    expect(call("/").headers.get("location")).toMatch(/\/login\?next=%2F$/);
  });

  it("answers 401 JSON to a signed-out API request instead of redirecting", async () => {
    const response = call("/api/audit");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("never intercepts cron, health, metrics, the auth API or the sign-in page", () => {
    for (const path of [
      "/api/cron/sync",
      "/api/health",
      "/api/metrics",
      "/api/auth/sign-in/email",
      "/login",
    ]) {
      const response = call(path);
      expect(response.headers.get("location"), path).toBeNull();
      expect(response.status, path).toBe(200);
    }
  });

  it("lets a request with a session cookie through (pages verify it)", () => {
    for (const cookie of ["stocklock.session_token=abc", "__Secure-stocklock.session_token=abc"]) {
      const response = call("/audit", { cookie });
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("lets server actions through so they answer `unauthorized` themselves", () => {
    expect(call("/users", { action: true }).headers.get("location")).toBeNull();
  });
});
