// Account-level brute-force protection and the sign-in audit trail, as better-auth hooks.
// better-auth's own limiter counts requests per IP; this counts failed passwords per account,
// which an attacker cannot dodge by changing address.
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";

export const SIGN_IN_PATH = "/sign-in/email";
/** Failed passwords per account allowed within the window before sign-in is refused. */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60_000;

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function emailOf(ctx: HookContext): string | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : null;
}

function ipOf(ctx: HookContext): string | null {
  const source = ctx.request ?? ctx.headers;
  return source ? (getIP(source, ctx.context.options) ?? null) : null;
}

/** Failed sign-ins for this email since its last success, within the window. */
export async function recentFailedSignIns(db: Database, email: string): Promise<number> {
  const windowStart = new Date(Date.now() - FAILED_SIGN_IN_WINDOW_MS);
  // One pass over the account's audit rows of the window: failures after its last success.
  const [row] = await db
    .select({
      failures: sql<number>`(count(*) filter (where ${auditLog.createdAt} > coalesce(
          (select max(s.created_at) from audit_log s where s.action = 'auth.signed_in'
            and s.actor_email = ${email} and s.created_at > ${windowStart.toISOString()}::timestamptz),
          ${windowStart.toISOString()}::timestamptz)))::int`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "auth.sign_in_failed"),
        eq(auditLog.actorEmail, email),
        gt(auditLog.createdAt, windowStart),
      ),
    );
  return row?.failures ?? 0;
}

export function signInGuardHooks(db: Database) {
  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const email = emailOf(ctx);
    if (!email) return; // better-auth's own validation answers 400
    if ((await recentFailedSignIns(db, email)) < MAX_FAILED_SIGN_INS) return;
    await recordAudit(db, {
      actor: { email },
      action: "auth.sign_in_blocked",
      target: `email:${email}`,
      input: { email },
      outcome: "denied",
      result: { reason: `${MAX_FAILED_SIGN_INS} failed sign-ins within 15 minutes` },
      ip: ipOf(ctx),
    });
    throw new APIError("TOO_MANY_REQUESTS", {
      message: "Too many failed sign-ins for this account. Try again in 15 minutes.",
    });
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const email = emailOf(ctx);
    const returned = ctx.context.returned;
    if (isAPIError(returned)) {
      await recordAudit(db, {
        actor: { email },
        action: "auth.sign_in_failed",
        target: email ? `email:${email}` : null,
        input: { email },
        outcome: "failed",
        result: { status: returned.statusCode, message: returned.message },
        ip: ipOf(ctx),
      });
      return;
    }
    const user = ctx.context.newSession?.user;
    if (!user) return;
    await recordAudit(db, {
      actor: { id: user.id, email: user.email },
      action: "auth.signed_in",
      target: `user:${user.id}`,
      input: { email },
      outcome: "succeeded",
      ip: ipOf(ctx),
    });
  });

  return { before, after };
}
