// Runs before the e2e server starts (the embedded database is single-process, so data is put
// in place first): opens the e2e database and applies every e2e/prepare/*.ts in name order.
// Each module exports `prepare(db: Database): Promise<void>`.
import { readdirSync } from "node:fs";
import path from "node:path";
import { closeDb, type Database, getDb } from "@/db/client";

interface PrepareModule {
  prepare(db: Database): Promise<void>;
}

const dir = path.join(import.meta.dirname, "prepare");
const db = await getDb();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  const module = (await import(path.join(dir, file))) as PrepareModule;
  await module.prepare(db);
  console.log(`e2e prepare: ${file} done`);
}
await closeDb();
