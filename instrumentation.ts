// Next's startup hook. In demo mode the demo data is seeded here, inside the server process,
// because the embedded database (PGlite) is single-process, and the in-process sync schedule
// starts (see lib/jobs/in-process-schedule.ts). Node.js runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: sign-in limits and the audit log need the TCP peer's address (lib/http/peer-address.ts).
    const { installPeerAddressStamp } = await import("./lib/http/peer-address");
    installPeerAddressStamp();
    const { seedDemoOnStart } = await import("./lib/demo/seed-on-start");
    await seedDemoOnStart();
    // The demo admin whose credentials /login shows in demo mode (idempotent).
    const { seedDemoAdminOnStart } = await import("./lib/auth/demo");
    await seedDemoAdminOnStart();
    // After the seed: the first scheduled round then finds the demo marketplaces.
    const { startInProcessSchedule } = await import("./lib/jobs/in-process-schedule");
    await startInProcessSchedule();
  }
}
