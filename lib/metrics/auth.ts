// /api/metrics's own check (sign-in never guards it): `Authorization: Bearer $METRICS_TOKEN`,
// compared in constant time. With no token configured every call is refused.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export type MetricsAuthResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * No token configured → 403: no credential can succeed, so it is a refusal rather than a
 * challenge (401 would invite retrying with a token) or an outage (503 would say "try later"
 * and page whoever watches the scrape's availability as if the app were down).
 * Missing or wrong token → 401.
 */
export function checkMetricsAuthorization(
  header: string | null,
  token: string | undefined,
): MetricsAuthResult {
  if (!token) {
    return { ok: false, status: 403, reason: "METRICS_TOKEN is not set: metrics are not served" };
  }
  const match = /^Bearer (.+)$/.exec(header?.trim() ?? "");
  const presented = match?.[1] ?? "";
  // Always compare (equal-length digests), so the timing says nothing about the header.
  const equal = timingSafeEqual(digest(presented), digest(token));
  return equal && presented.length > 0
    ? { ok: true }
    : { ok: false, status: 401, reason: "missing or wrong bearer token" };
}

/** The configured token (the environment is parsed once per process). */
export function metricsToken(): string | undefined {
  return env().METRICS_TOKEN;
}
