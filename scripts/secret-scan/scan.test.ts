// The secret scan must catch a planted secret in each kind of place, say where, and never
// print the secret itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { checkRun, type RunArtifacts } from "./check-run";
import { describeHit, findSecrets, type Secret } from "./scan";

const planted = {
  bundle: { name: "BUNDLE_TOKEN", value: "planted-bundle-token-1111" },
  bundleBase64: { name: "BASE64_TOKEN", value: "planted-base64-token-2222" },
  log: { name: "LOG_PASSWORD", value: "planted log password/3333" },
  database: { name: "DB_SECRET", value: "planted-db-secret-4444" },
  audit: { name: "AUDIT_SECRET", value: "planted-audit-secret-5555" },
} satisfies Record<string, Secret>;
const secrets = Object.values(planted);

function writeArtifacts(root: string, dirty: boolean): Omit<RunArtifacts, "pgliteDir"> {
  const staticDir = path.join(root, ".next", "static");
  mkdirSync(path.join(staticDir, "chunks"), { recursive: true });
  writeFileSync(path.join(staticDir, "chunks", "clean.js"), "console.log('nothing here')");
  const base64 = Buffer.from(planted.bundleBase64.value).toString("base64");
  writeFileSync(
    path.join(staticDir, "chunks", "app.js"),
    dirty ? `const t="${planted.bundle.value}";const u=atob("${base64}");` : "const t=1;",
  );
  const serverLog = path.join(root, "server.log");
  const leaked = encodeURIComponent(planted.log.value);
  writeFileSync(
    serverLog,
    `{"msg":"started"}\n${dirty ? `{"msg":"GET /login?password=${leaked}"}` : "{}"}\n`,
  );
  return { staticDir, serverLog };
}

async function writeDatabase(pgliteDir: string, dirty: boolean): Promise<void> {
  const handle = await openDatabase({ pgliteDir });
  try {
    await handle.db.insert(users).values({
      id: "u1",
      name: dirty ? `Name ${planted.database.value}` : "Name",
      email: "u1@scan.test",
    });
    await handle.db.insert(auditLog).values({
      action: "test.planted",
      outcome: "succeeded",
      input: dirty ? { note: planted.audit.value } : { note: "clean" },
    });
  } finally {
    await handle.close();
  }
}

describe("secret scan", () => {
  let root: string;
  const runs: Record<"dirty" | "clean", RunArtifacts> = {} as never;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "stocklock-scan-"));
    for (const kind of ["dirty", "clean"] as const) {
      const dir = path.join(root, kind);
      const pgliteDir = path.join(dir, "pglite");
      runs[kind] = { ...writeArtifacts(dir, kind === "dirty"), pgliteDir };
      await writeDatabase(pgliteDir, kind === "dirty");
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("finds a planted secret in each kind of place and says where, never what", async () => {
    const checks = await checkRun(secrets, runs.dirty);
    expect(checks.map((check) => [check.kind, check.ok])).toEqual([
      ["client bundle", false],
      ["database", false],
      ["server log", false],
      ["audit log", false],
    ]);
    const lines = checks.flatMap((check) => check.lines);
    expect(lines).toEqual([
      "BUNDLE_TOKEN (as is) in client bundle: static/chunks/app.js",
      "BASE64_TOKEN (base64) in client bundle: static/chunks/app.js",
      expect.stringMatching(/^DB_SECRET \(as is\) in database: public\.users\.name \(row /),
      "LOG_PASSWORD (URL-encoded) in server log: server.log:2",
      expect.stringMatching(/^AUDIT_SECRET \(as is\) in audit log: public\.audit_log\.input /),
    ]);
    for (const secret of secrets) {
      expect(lines.join("\n")).not.toContain(secret.value);
      expect(lines.join("\n")).not.toContain(encodeURIComponent(secret.value));
    }
  });

  it("passes a clean run, and fails one that left nothing to scan", async () => {
    const checks = await checkRun(secrets, runs.clean);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    const nothing = await checkRun(secrets, {
      ...runs.clean,
      staticDir: path.join(root, "no-build"),
      serverLog: path.join(root, "no-log"),
      pgliteDir: path.join(root, "no-database"),
    });
    expect(nothing.filter((check) => !check.ok).map((check) => check.lines)).toEqual([
      ["nothing to scan in client bundle"],
      ["nothing to scan in database"],
      ["nothing to scan in server log"],
      ["nothing to scan in audit log"],
    ]);
  });

  it("refuses a secret too short to search for without false alarms", async () => {
    await expect(findSecrets([{ name: "PIN", value: "1234" }], [])).rejects.toThrow(/PIN/);
    const { hits } = await findSecrets(
      [planted.bundle],
      [{ kind: "database", where: "t.c", text: `x${planted.bundle.value}x` }],
    );
    expect(hits.map(describeHit)).toEqual(["BUNDLE_TOKEN (as is) in database: t.c"]);
  });
});
