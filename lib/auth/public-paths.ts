// Paths the request proxy lets through without a session. Everything else needs sign-in.

const PUBLIC_PREFIXES = [
  "/login",
  "/api/auth", // better-auth: sign-in, sign-out, session
  "/api/health", // liveness for load balancers and uptime checks
  "/api/cron", // authenticated by CRON_SECRET in the route itself
  "/api/metrics", // authenticated by METRICS_TOKEN in the route itself
] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
