// Per-test-file isolation: each file gets its own database cloned from the migrated template.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../client";

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL of this test database (for child processes and extra pools). */
  url: string;
  name: string;
}

/** Creates a fresh, migrated database on the test server. */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `${inject("pgPrefix")}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${inject("pgTemplate")}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: options.max ?? 10 });
  return { ...handle, url: url.toString(), name };
}

/**
 * Registers a test database for the current file: created before its tests, closed after.
 * Read `.current` inside tests and hooks.
 */
export function useTestDatabase(options: { max?: number } = {}): {
  readonly current: TestDatabase;
} {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get current(): TestDatabase {
      if (!database)
        throw new Error("the test database is not ready (use it inside tests or hooks)");
      return database;
    },
  };
}
