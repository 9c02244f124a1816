// Signing in through better-auth's server API, for the sign-in form's server action: the same
// endpoint, hooks and limits as POST /api/auth/sign-in/email, without a browser fetch, so the
// form works before (or without) JavaScript.
import { isAPIError } from "better-auth/api";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import type { Auth } from "./auth";

export type SignInOutcome =
  | { ok: true; cookies: SessionCookie[] }
  | { ok: false; status: number; message: string };

export interface SessionCookie {
  name: string;
  value: string;
  options: ReturnType<typeof toCookieOptions>;
}

/** The cookies a Set-Cookie response header list asks the browser to store. */
export function cookiesFromSetCookie(setCookies: string[]): SessionCookie[] {
  return setCookies.flatMap((header) =>
    [...parseSetCookieHeader(header)].map(([name, attributes]) => ({
      name,
      value: attributes.value,
      options: toCookieOptions(attributes),
    })),
  );
}

/**
 * Checks the password (the sign-in hooks limit and audit it) and returns the session cookies,
 * or the refusal's status and message. `headers` are the browser's request headers with the
 * resolved client address (lib/http/client-ip.ts).
 */
export async function signInWithPassword(
  auth: Auth,
  credentials: { email: string; password: string },
  headers: Headers,
): Promise<SignInOutcome> {
  try {
    const result = await auth.api.signInEmail({
      body: { email: credentials.email, password: credentials.password },
      headers,
      returnHeaders: true,
    });
    return { ok: true, cookies: cookiesFromSetCookie(result.headers.getSetCookie()) };
  } catch (error) {
    if (isAPIError(error)) {
      return { ok: false, status: error.statusCode, message: error.message };
    }
    throw error;
  }
}
