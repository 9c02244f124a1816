import type { Env } from "@/lib/env";

/**
 * Used only outside production (dev server, demo, tests) when BETTER_AUTH_SECRET is unset, so
 * `npm run dev` works out of the box. It is public: production refuses to start without a real
 * secret.
 */
export const DEVELOPMENT_AUTH_SECRET = "stocklock-development-secret-do-not-use-in-production";

/** Cookie names start with this (`stocklock.session_token`; `__Secure-` is added on https). */
export const AUTH_COOKIE_PREFIX = "stocklock";

export interface AuthSettings {
  secret: string;
  /** Public origin; undefined → taken from each request. */
  baseURL: string | undefined;
  /** `Secure` cookies (and the `__Secure-` name prefix). */
  secureCookies: boolean;
  /** Reverse proxies whose forwarded headers are believed (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
}

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

export function authSettingsFromEnv(env: Env): AuthSettings {
  const production = env.NODE_ENV === "production";
  if (production && !env.BETTER_AUTH_SECRET) {
    throw new AuthConfigError(
      "BETTER_AUTH_SECRET is not set. Sign-in needs a secret of at least 32 characters in " +
        "production; generate one with `openssl rand -base64 32`.",
    );
  }
  const baseURL = env.BETTER_AUTH_URL?.replace(/\/+$/, "");
  return {
    secret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
    baseURL,
    // A browser drops `Secure` cookies set over plain http (e.g. `next start` on 127.0.0.1),
    // so the scheme of the configured URL decides; without one, production means https.
    secureCookies: baseURL ? baseURL.startsWith("https://") : production,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
  };
}
