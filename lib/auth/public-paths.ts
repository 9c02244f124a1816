// Paths the request proxy lets through without a session. Everything else needs sign-in.

const PUBLIC_PREFIXES = [
  "/login",
  "/api/auth", // better-auth: sign-in, sign-out, session
  "/api/health", // liveness for load balancers and uptime checks
  "/api/cron", // authenticated by CRON_SECRET in the route itself
  "/api/metrics", // authenticated by METRICS_TOKEN in the route itself
  // Marketplace webhooks (POST only): each delivery's HMAC signature is checked in the route
  // before anything is read from it. Only this provider's path, not all of /api/webhooks.
  "/api/webhooks/shopify",
] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
