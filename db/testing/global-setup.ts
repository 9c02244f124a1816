// Vitest global setup: one PostgreSQL server for the whole run (TEST_DATABASE_URL, or a
// throwaway cluster), and a migrated template database that each test file clones.
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../migrate";
import { type PgCluster, startPgCluster } from "./pg-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a database on the test server whose user may CREATE DATABASE. */
    pgAdminUrl: string;
    /** Name of the migrated template database; test databases are cloned from it. */
    pgTemplate: string;
    /** Prefix of every database this run creates (dropped at the end on a shared server). */
    pgPrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const prefix = `stocklock_t_${runId}`;
  const template = `${prefix}_template`;
  let cluster: PgCluster | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;

  if (!adminUrl) {
    cluster = await startPgCluster();
    adminUrl = cluster.url();
    const stopOnSignal = (signal: NodeJS.Signals) => {
      cluster?.stop();
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", stopOnSignal);
    process.once("SIGTERM", stopOnSignal);
    process.once("exit", () => cluster?.stop());
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await migratePostgres(templateUrl.toString());

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  project.provide("pgPrefix", prefix);

  return async () => {
    if (cluster) {
      cluster.stop();
      return;
    }
    // A shared server: drop what this run created.
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${prefix}%`}`;
      for (const { datname } of rows) {
        await sql.unsafe(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await sql.end();
    }
  };
}
