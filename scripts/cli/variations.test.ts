// `npm run cli -- variations import` and `npm run stock:check`, run as real processes
// against a real PostgreSQL database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseVariationsCsv } from "@/lib/stock/variations-csv";

describe("variations import and stock:check commands", () => {
  const database = useTestDatabase();
  let db: Database;
  const dir = mkdtempSync(path.join(os.tmpdir(), "stocklock-csv-"));

  beforeAll(() => {
    db = database.current.db;
  });

  function runScript(script: string, args: string[]) {
    const result = spawnSync("npx", ["tsx", script, ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: database.current.url, LOG_LEVEL: "silent" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function writeCsv(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  async function count(): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from variations`,
    );
    return row?.n ?? -1;
  }

  describe("variations CSV", () => {
    it("reports every bad row with its line number", () => {
      const parsed = parseVariationsCsv(
        "sku,name,on_hand\nA,Phone A,3\n,No sku,1\nC,Phone C,-2\nA,Again,1\nD,Phone D,x\n",
      );
      expect(parsed).toEqual({
        ok: false,
        problems: [
          { line: 3, message: "sku: sku is empty" },
          { line: 4, message: "on_hand: on_hand must be a whole number ≥ 0" },
          { line: 5, message: "sku A already on line 2" },
          { line: 6, message: "on_hand: on_hand must be a whole number ≥ 0" },
        ],
      });
      expect(parseVariationsCsv("sku,title\nA,B\n")).toMatchObject({
        ok: false,
        problems: [{ line: 1, message: expect.stringMatching(/missing name, on_hand/) }],
      });
    });

    it("a file with a bad row applies nothing and exits 1", async () => {
      const file = writeCsv("bad.csv", "sku,name,on_hand\nOK-1,Fine,3\nBAD,Broken,-1\n");
      const result = runScript("scripts/cli.ts", ["variations", "import", file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${file}:3: on_hand`);
      expect(result.stderr).toContain("nothing was imported");
      expect(await count()).toBe(0);
      expect(runScript("scripts/cli.ts", ["variations", "export"]).code).toBe(2);
    });

    it("imports 100,000 rows in seconds, then upserts by sku; stock:check passes", async () => {
      const lines = ["sku,name,on_hand"];
      for (let i = 0; i < 100_000; i++) lines.push(`SKU-${i},"Phone ${i}, 128 GB",${i % 7}`);
      const file = writeCsv("big.csv", `${lines.join("\n")}\n`);
      const big = runScript("scripts/cli.ts", ["variations", "import", file, "--json"]);
      expect(big.code, big.stderr).toBe(0);
      const summary = JSON.parse(big.stdout) as { created: number; seconds: number };
      expect(summary.created).toBe(100_000);
      expect(summary.seconds).toBeLessThan(60);
      expect(await count()).toBe(100_000);

      const update = writeCsv(
        "update.csv",
        "sku,name,on_hand\nSKU-1,Phone 1 renamed,9\nNEW,New,2\n",
      );
      const second = runScript("scripts/cli.ts", ["variations", "import", update, "--json"]);
      expect(JSON.parse(second.stdout)).toMatchObject({ created: 1, updated: 1, onHandChanged: 1 });
      const [row] = await queryRows<{ name: string; on_hand: number }>(
        db,
        sql`select name, on_hand from variations where sku = 'SKU-1'`,
      );
      expect(row).toEqual({ name: "Phone 1 renamed", on_hand: 9 });

      const check = runScript("scripts/stock-check.ts", ["--json"]);
      expect(check.code, check.stderr).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
    }, 180_000);

    it("stock:check fails on a broken counter and --repair fixes it", async () => {
      await db.execute(sql`update variations set locked_quantity = 3 where sku = 'SKU-2'`);
      const broken = runScript("scripts/stock-check.ts", []);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("FAIL variation_locked_matches_locks");
      const repaired = runScript("scripts/stock-check.ts", ["--repair", "--json"]);
      expect(repaired.code, repaired.stderr).toBe(0);
      const report = JSON.parse(repaired.stdout) as { ok: boolean; repair: { changes: unknown[] } };
      expect(report.ok).toBe(true);
      expect(report.repair.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "variation_locked", from: 3, to: 0 }),
        ]),
      );
      expect(runScript("scripts/stock-check.ts", ["--bogus"]).code).toBe(2);
    }, 60_000);
  });
});
