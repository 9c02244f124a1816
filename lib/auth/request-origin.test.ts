// BETTER_AUTH_URL unset (the README's production settings): the browser's own origin signs in.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing/test-db";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { createAuth } from "./auth";
import type { AuthSettings } from "./config";
import { createStaffUser } from "./users";

const password = "correct horse battery";
const settings = (trustedProxyHops: number): AuthSettings => ({
  secret: "origin-test-secret-origin-test-secret-01",
  baseURL: undefined,
  secureCookies: true,
  trustedProxyHops,
});

/** As `npm start` hands it over: Next's own URL (localhost), the browser's Host and Origin. */
function signIn(headers: Record<string, string>, ip: string) {
  return new Request("http://localhost:3000/api/auth/sign-in/email", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "sec-fetch-site": "same-origin",
      "sec-fetch-mode": "cors",
      [CLIENT_IP_HEADER]: ip,
      ...headers,
    },
    body: JSON.stringify({ email: "staff@shop.test", password }),
  });
}

describe("sign-in without BETTER_AUTH_URL", () => {
  const database = useTestDatabase();

  beforeAll(async () => {
    await createStaffUser(
      database.current.db,
      { email: "staff@shop.test", role: "viewer", password },
      { actor: null, via: "test" },
    );
  });

  it("accepts the Origin of the Host the browser spoke to, refuses any other", async () => {
    const auth = createAuth(database.current.db, settings(0));
    const host = { host: "stock.example.com:3000" };
    const own = await auth.handler(
      signIn({ ...host, origin: "http://stock.example.com:3000" }, "192.0.2.1"),
    );
    expect(own.status).toBe(200);
    expect(own.headers.getSetCookie().join()).toMatch(/__Secure-stocklock\.session_token=/);
    const evil = await auth.handler(
      signIn(
        { ...host, origin: "https://evil.example", "x-forwarded-host": "evil.example" },
        "192.0.2.2",
      ),
    );
    expect(evil.status).toBe(403);
  });

  it("behind a trusted proxy: the origin the proxy reports", async () => {
    const auth = createAuth(database.current.db, settings(1));
    const proxied = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "stock.example.com",
      "x-forwarded-proto": "https",
    };
    const own = await auth.handler(
      signIn({ ...proxied, origin: "https://stock.example.com" }, "192.0.2.3"),
    );
    expect(own.status).toBe(200);
    const direct = await auth.handler(
      signIn({ ...proxied, origin: "http://10.0.0.5:3000" }, "192.0.2.4"),
    );
    expect(direct.status).toBe(403);
  });
});
