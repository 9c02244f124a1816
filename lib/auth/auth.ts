import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Database } from "@/db/client";
import { accounts, rateLimits, sessions, users, verifications } from "@/db/schema";
import { logger } from "@/lib/log";
import { refuseDeactivatedSessions } from "./active-account";
import { AUTH_COOKIE_PREFIX, type AuthSettings } from "./config";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import { signInGuardHooks } from "./sign-in-guard";

/** Sign-in attempts allowed per client IP per minute (better-auth's limiter, kept in PostgreSQL). */
export const SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE = 20;

const authLogger = logger.child({ module: "auth" });

/** A better-auth instance over the given database. The app uses one per process (getAuth). */
export function createAuth(db: Database, settings: AuthSettings) {
  const guard = signInGuardHooks(db);
  return betterAuth({
    appName: "Stocklock",
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: "/api/auth",
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
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE },
      },
    },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      useSecureCookies: settings.secureCookies,
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
