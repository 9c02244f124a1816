// Helpers for integration tests that sign in through the real better-auth handler.

import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import type { Auth } from "./auth";
import type { AuthSettings } from "./config";

export const testAuthSettings: AuthSettings = {
  secret: "test-secret-test-secret-test-secret-0123",
  baseURL: "http://localhost:3000",
  secureCookies: false,
  trustedProxyHops: 0,
};

/**
 * POSTs to /api/auth/sign-in/email as a browser on `ip` would, after the auth route resolved
 * its address (app/api/auth/[...all]/route.ts sets CLIENT_IP_HEADER).
 */
export function signInRequest(
  auth: Auth,
  credentials: { email: string; password: string },
  ip = "203.0.113.7",
): Promise<Response> {
  return auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:3000",
        [CLIENT_IP_HEADER]: ip,
        // Ignored by this code (it reads CLIENT_IP_HEADER only); older code read it.
        "x-forwarded-for": ip,
      },
      body: JSON.stringify(credentials),
    }),
  );
}

/** The `Cookie` header a browser would send back after this response. */
export function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Signs in and returns request headers that carry the session cookie. */
export async function sessionHeaders(
  auth: Auth,
  credentials: { email: string; password: string },
  ip?: string,
): Promise<Headers> {
  const response = await signInRequest(auth, credentials, ip);
  if (response.status !== 200) {
    throw new Error(
      `sign-in failed for ${credentials.email}: ${response.status} ${await response.text()}`,
    );
  }
  return new Headers({ cookie: cookieHeaderFrom(response) });
}
