// Next's startup hook. In demo mode the demo data is seeded here, inside the server process,
// because the embedded database (PGlite) is single-process. Node.js runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { seedDemoOnStart } = await import("./lib/demo/seed-on-start");
    await seedDemoOnStart();
    // The demo admin whose credentials /login shows in demo mode (idempotent).
    const { seedDemoAdminOnStart } = await import("./lib/auth/demo");
    await seedDemoAdminOnStart();
  }
}
