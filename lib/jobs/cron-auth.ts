// The cron route's own check (sign-in middleware never guards /api/cron/*): the caller must
// send `Authorization: Bearer $CRON_SECRET`; with no secret configured every call is refused.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export type CronAuthResult = { ok: true } | { ok: false; reason: string };

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Compares in constant time: both sides are hashed to equal-length digests first. */
export function checkCronAuthorization(
  header: string | null,
  secret: string | undefined,
): CronAuthResult {
  if (!secret) return { ok: false, reason: "CRON_SECRET is not set: cron calls are refused" };
  const match = /^Bearer (.+)$/.exec(header?.trim() ?? "");
  const presented = match?.[1] ?? "";
  // Always compare, even without a token, so the timing says nothing about the header.
  const equal = timingSafeEqual(digest(presented), digest(secret));
  return equal && presented.length > 0
    ? { ok: true }
    : { ok: false, reason: "missing or wrong bearer token" };
}

/** The configured secret (the environment is parsed once per process; a new secret needs a restart). */
export function cronSecret(): string | undefined {
  return env().CRON_SECRET;
}

/** The 401 a cron route answers when the request does not carry the secret; null when it does. */
export function cronRefusal(request: Request): Response | null {
  const auth = checkCronAuthorization(request.headers.get("authorization"), cronSecret());
  if (auth.ok) return null;
  return Response.json({ error: { code: "unauthorized", message: auth.reason } }, { status: 401 });
}
