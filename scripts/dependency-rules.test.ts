// The dependency rules of .dependency-cruiser.cjs (DESIGN "Shape") catch what they name: a tiny
// project in a temporary folder breaks each rule once, and dependency-cruiser, run as
// `npm run lint` runs it, must report exactly those breaks — and nothing for the allowed
// imports beside them.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** file → its source; every import names a file of this map (or next/*). */
const project: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { module: "esnext", moduleResolution: "bundler", paths: { "@/*": ["./*"] } },
  }),
  "lib/domain/events.ts": 'export type Event = { type: "OrderCreated" };\n',
  "lib/domain/leaky.ts": 'import { env } from "@/lib/env";\nexport const leak = env;\n',
  "lib/env.ts": "export const env = {};\n",
  "lib/stock/handlers.ts":
    'import type { Event } from "@/lib/domain/events";\nimport { upsert } from "@/lib/sync/upsert";\nexport const handle = (e: Event) => upsert(e);\n',
  "lib/sync/upsert.ts":
    'import type { Event } from "@/lib/domain/events";\nexport const upsert = (e: Event) => e;\n',
  "lib/sync/locks.ts": 'import { handle } from "@/lib/stock/handlers";\nexport const h = handle;\n',
  "lib/sync/upsert.test.ts":
    'import { handle } from "@/lib/stock/handlers";\nimport { bus } from "@/lib/runtime/index";\nexport const t = [handle, bus];\n',
  "lib/sync/wired.ts": 'import { bus } from "@/lib/runtime/index";\nexport const w = bus;\n',
  "lib/runtime/index.ts":
    'import { handle } from "@/lib/stock/handlers";\nimport { upsert } from "@/lib/sync/upsert";\nexport const bus = [handle, upsert];\n',
  "lib/push/drain.ts": 'import { upsert } from "@/lib/sync/upsert";\nexport const d = upsert;\n',
  "lib/marketplaces/client.ts":
    'import { rows } from "@/db/schema";\nimport { handle } from "@/lib/stock/handlers";\nimport type { Event } from "@/lib/domain/events";\nexport const c: [unknown, unknown, Event?] = [rows, handle];\n',
  "lib/queries/page.ts":
    'import { cache } from "next/cache";\nimport { Page } from "@/app/page";\nexport const q = [cache, Page];\n',
  "components/badge.ts": 'import { rows } from "@/db/schema";\nexport const b = rows;\n',
  "db/schema.ts":
    'import { type Event } from "@/lib/domain/events";\nimport { env } from "@/lib/env";\nimport { upsert } from "@/lib/sync/upsert";\nexport const rows: [unknown, unknown, Event?] = [env, upsert];\n',
  "app/page.ts": 'import { bus } from "@/lib/runtime/index";\nexport const Page = bus;\n',
  "lib/jobs/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
  "lib/jobs/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "stocklock-depcruise-"));
  for (const [file, source] of Object.entries(project)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function depcruise(outputType: "json" | "err") {
  return spawnSync(
    path.join(root, "node_modules/.bin/depcruise"),
    ["lib", "app", "components", "db"]
      .concat(["--config", path.join(root, ".dependency-cruiser.cjs")])
      .concat(["--output-type", outputType]),
    { cwd: dir, encoding: "utf8" },
  );
}

function violations(): Violation[] {
  const run = depcruise("json");
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

describe("dependency rules", () => {
  it("report every forbidden import, and only those", () => {
    const found = violations()
      // node_modules may be a symlink: name packages from node_modules/ on.
      .map(
        (v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, "node_modules/")}`,
      )
      .sort();
    expect(found).toEqual(
      [
        "components-not-to-db: components/badge.ts → db/schema.ts",
        "db-only-to-domain: db/schema.ts → lib/sync/upsert.ts",
        "domain-imports-nothing-of-ours: lib/domain/leaky.ts → lib/env.ts",
        "lib-not-to-app: lib/queries/page.ts → app/page.ts",
        "lib-not-to-next: lib/queries/page.ts → node_modules/next/cache.js",
        "marketplaces-not-to-db: lib/marketplaces/client.ts → db/schema.ts",
        "marketplaces-not-to-stock: lib/marketplaces/client.ts → lib/stock/handlers.ts",
        "no-circular: lib/jobs/a.ts → lib/jobs/b.ts",
        "push-not-to-sync: lib/push/drain.ts → lib/sync/upsert.ts",
        "runtime-only-from-entry-points: lib/sync/wired.ts → lib/runtime/index.ts",
        "stock-not-to-sync: lib/stock/handlers.ts → lib/sync/upsert.ts",
        "sync-not-to-stock: lib/sync/locks.ts → lib/stock/handlers.ts",
      ].sort(),
    );
  });

  it("fail the command as `npm run lint` runs it", () => {
    const run = depcruise("err");
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain("sync-not-to-stock: lib/sync/locks.ts → lib/stock/handlers.ts");
  });
});
