import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Database } from "@/db/client";
import { accounts, rateLimits, sessions, users, verifications } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { requestOrigins } from "@/lib/http/public-origin";
import { logger } from "@/lib/log";
import { refuseDeactivatedSessions } from "./active-account";
import { AUTH_COOKIE_PREFIX, type AuthSettings } from "./config";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import { signInGuardHooks } from "./sign-in-guard";

const authLogger = logger.child({ module: "auth" });

/** A better-auth instance over the given database. The app uses one per process (getAuth). */
export function createAuth(db: Database, settings: AuthSettings) {
  const guard = signInGuardHooks(db);
  return betterAuth({
    appName: "Stocklock",
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: "/api/auth",
    // Without a configured public URL, a browser may post from the origin it is on: the Host it
    // sent (or what the trusted proxies report). A cross-site page cannot make its Origin match.
    trustedOrigins: settings.baseURL
      ? undefined
      : (request) => (request ? requestOrigins(request.headers, settings.trustedProxyHops) : []),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        rateLimit: rateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Staff accounts come from an admin (CLI or /users), never from self-service sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        // `input: false`: no auth endpoint accepts a role from the client.
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        // Read with every session, so lib/auth/session.ts refuses a deactivated account's.
        deactivatedAt: { type: "date", required: false, input: false },
      },
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
    },
    session: {
      expiresIn: 7 * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // No cookie cache: every request reads the session (and the role and deactivation) from
      // PostgreSQL, so a role change, revoked session or deactivation takes effect at once.
      // Turning it on would let a signed cookie outlive a deactivation (lib/auth/deactivation.test.ts).
      cookieCache: { enabled: false },
    },
    // A coarse per-IP limit on the HTTP API; sign-in has its own atomic limits (sign-in-guard.ts)
    // that also cover the sign-in server action, which does not pass through this limiter.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      // Replaces better-auth's default of 3 sign-ins per 10 s per address.
      customRules: { "/sign-in/email": false },
    },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      // better-auth skips the Origin check when NODE_ENV=test; the tests check what production does.
      disableOriginCheck: false,
      useSecureCookies: settings.secureCookies,
      // Only the address the auth route or the sign-in action resolved (lib/http/client-ip.ts).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    hooks: { before: guard.before, after: guard.after },
    databaseHooks: refuseDeactivatedSessions(db),
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message, ...args) => {
        const pinoLevel = level === "debug" ? "debug" : level === "info" ? "info" : level;
        authLogger[pinoLevel]({ details: args.length ? args : undefined }, message);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
