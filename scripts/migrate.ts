// npm run db:migrate — applies the committed migrations (DATABASE_URL, or the embedded DB).
import { openDatabase, redactUrl } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { env } from "@/lib/env";

async function main(): Promise<void> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    await migratePostgres(DATABASE_URL);
    console.log(`Migrations applied to ${redactUrl(DATABASE_URL)}`);
    return;
  }
  const handle = await openDatabase({ pgliteDir: PGLITE_DIR }); // opening migrates it
  await handle.close();
  console.log(`Migrations applied to the embedded database in ${handle.location}`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
