// Runs once when the server starts. In demo mode it seeds the demo admin shown on /login.
// (Other demo seeding belongs here too; keep each step idempotent.)
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (!env().DEMO_MODE) return;
  const { getDb } = await import("@/db/client");
  const { seedDemoAdmin } = await import("@/lib/auth/demo");
  await seedDemoAdmin(await getDb());
}
