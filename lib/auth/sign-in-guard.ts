// Brute-force limits and the audit trail of sign-in, as better-auth hooks (they run for the
// HTTP API and for the sign-in server action alike).
//
// Nobody can lock a staff member out: wrong passwords are counted per (account, client IP), so
// a stranger's guesses block only the stranger's address for that account, and the right
// password from any other address always signs in. Guessing stays bounded: every attempt takes
// its slot atomically *before* the password is checked (sign-in-counters.ts), so a parallel
// burst gets at most MAX_GUESSES_PER_CLIENT checks per window, and each address also has
// ATTEMPTS_PER_IP_PER_MINUTE attempts over all accounts (successful ones give theirs back). The client IP is the one resolved from
// TRUSTED_PROXY_HOPS (lib/http/client-ip.ts); X-Forwarded-For alone decides nothing.
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import {
  clearSignInCounter,
  pruneSignInCounters,
  returnSignInSlot,
  takeSignInSlot,
} from "./sign-in-counters";

export const SIGN_IN_PATH = "/sign-in/email";
/** Wrong passwords per account and client IP within the window; then that pair waits. */
export const MAX_GUESSES_PER_CLIENT = 5;
export const GUESS_WINDOW_MS = 15 * 60_000;
/**
 * Sign-in attempts per client IP (any account) per minute that did not sign in: a successful
 * sign-in gives its slot back, so an office behind one address is never throttled by its own
 * staff, while guessing from one address stays bounded.
 */
export const ATTEMPTS_PER_IP_PER_MINUTE = 20;

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function emailOf(ctx: HookContext): string | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : null;
}

function headersOf(ctx: HookContext): Headers | undefined {
  return ctx.request?.headers ?? ctx.headers;
}

/** The client address to audit (exact), as the auth route or the sign-in action resolved it. */
function auditIpOf(ctx: HookContext): string | null {
  return headersOf(ctx)?.get(CLIENT_IP_HEADER) ?? null;
}

/** The address to count against: IPv6 collapsed to its /64, unknown clients share one bucket. */
function bucketIpOf(ctx: HookContext): string {
  const headers = headersOf(ctx);
  return (headers && getIP(headers, ctx.context.options)) || "unknown";
}

const guessKey = (email: string, ip: string) => `account:${email}|ip:${ip}`;

/** A 401 from the sign-in endpoint means a password was checked and was wrong. */
function isWrongPassword(returned: unknown): boolean {
  return isAPIError(returned) && returned.statusCode === 401;
}

export function signInGuardHooks(db: Database) {
  async function refuse(ctx: HookContext, email: string, reason: string): Promise<never> {
    await recordAudit(db, {
      actor: { email },
      action: "auth.sign_in_blocked",
      target: `email:${email}`,
      input: { email },
      outcome: "denied",
      result: { reason },
      ip: auditIpOf(ctx),
    });
    throw new APIError("TOO_MANY_REQUESTS", {
      message: "Too many sign-in attempts from this address. Try again in 15 minutes.",
    });
  }

  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const email = emailOf(ctx);
    if (!email) return; // better-auth's own validation answers 400
    const ip = bucketIpOf(ctx);
    await pruneSignInCounters(db);
    if ((await takeSignInSlot(db, `ip:${ip}`, 60_000)) > ATTEMPTS_PER_IP_PER_MINUTE) {
      await refuse(ctx, email, `more than ${ATTEMPTS_PER_IP_PER_MINUTE} attempts a minute`);
    }
    if ((await takeSignInSlot(db, guessKey(email, ip), GUESS_WINDOW_MS)) > MAX_GUESSES_PER_CLIENT) {
      await refuse(ctx, email, `${MAX_GUESSES_PER_CLIENT} wrong passwords within 15 minutes`);
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const email = emailOf(ctx);
    if (!email) return;
    const ip = bucketIpOf(ctx);
    const key = guessKey(email, ip);
    const returned = ctx.context.returned;
    if (isAPIError(returned)) {
      // Refused before any password check (Origin, malformed input): not a guess.
      if (!isWrongPassword(returned)) {
        await returnSignInSlot(db, key);
        await returnSignInSlot(db, `ip:${ip}`);
      }
      await recordAudit(db, {
        actor: { email },
        action: "auth.sign_in_failed",
        target: `email:${email}`,
        input: { email },
        outcome: "failed",
        result: { status: returned.statusCode, message: returned.message },
        ip: auditIpOf(ctx),
      });
      return;
    }
    const user = ctx.context.newSession?.user;
    if (!user) return;
    await clearSignInCounter(db, key);
    await returnSignInSlot(db, `ip:${ip}`);
    await recordAudit(db, {
      actor: { id: user.id, email: user.email },
      action: "auth.signed_in",
      target: `user:${user.id}`,
      input: { email },
      outcome: "succeeded",
      ip: auditIpOf(ctx),
    });
  });

  return { before, after };
}
