// `npm run cli -- listings set|import`, run as real processes against a real PostgreSQL:
// rules stored, audited and pushes queued; a bad line, an unknown marketplace or SKU stores
// nothing (exit 1); bad flags exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListingRulesCsv } from "@/lib/stock/listing-rules-csv";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { run } from "./listings";

describe("listings set and import commands", () => {
  const database = useTestDatabase();
  let db: Database;
  const dir = mkdtempSync(path.join(os.tmpdir(), "stocklock-listings-"));
  let marketplaceId: number;

  function cli(args: string[]) {
    const result = spawnSync("npx", ["tsx", "scripts/cli.ts", "listings", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: database.current.url, LOG_LEVEL: "silent" },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function writeCsv(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  type Rules = {
    sku: string;
    buffer: number;
    max_quantity: number | null;
    share_percent: number | null;
    zero_at_or_below: number | null;
    pending: boolean;
  };

  async function rules(): Promise<Rules[]> {
    return queryRows<Rules>(
      db,
      sql`select v.sku, ms.buffer, ms.max_quantity, ms.share_percent, ms.zero_at_or_below,
            ms.push_pending_since is not null as pending
          from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.marketplace_id = ${marketplaceId} order by v.sku`,
    );
  }

  async function auditCount(): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'listing.rules_changed'`,
    );
    return row?.n ?? -1;
  }

  beforeAll(async () => {
    db = database.current.db;
    marketplaceId = await createMarketplace(db, "cli-mp");
    // Inactive: the command's drain leaves its listings queued, so the test can see them.
    await db.execute(sql`update marketplaces set active = false where id = ${marketplaceId}`);
    await createVariations(db, [
      { sku: "CLI-A", onHand: 10 },
      { sku: "CLI-B", onHand: 5 },
      { sku: "CLI-UNLISTED", onHand: 1 },
    ]);
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id, last_pushed_quantity)
          select ${marketplaceId}, id, 'L-' || sku, on_hand from variations where sku in ('CLI-A', 'CLI-B')`,
    );
  });

  it("set: stores the rules, audits them, queues the push and explains the new number", async () => {
    const result = cli([
      "set",
      "--marketplace=cli-mp",
      "--sku=CLI-A",
      "--buffer=2",
      "--share=50",
      "--max=3",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("publishable 10 → 3 (push queued)");
    expect(result.stderr).toContain("capped at 3 → 3");
    const [a] = await rules();
    expect(a).toEqual({
      sku: "CLI-A",
      buffer: 2,
      max_quantity: 3,
      share_percent: 50,
      zero_at_or_below: null,
      pending: true,
    });
    expect(await auditCount()).toBe(1);

    // By id, --max=none clears the cap; JSON says what changed.
    const json = cli([
      "set",
      `--marketplace=${marketplaceId}`,
      "--sku=CLI-A",
      "--max=none",
      "--json",
    ]);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({ ok: true, changed: 1, pushesQueued: 1 });
    expect(summary.explanation.published).toBe(4);
    expect((await rules())[0]?.max_quantity).toBeNull();
  });

  it("set: unknown marketplace, SKU or listing changes nothing (exit 1); bad flags exit 2", async () => {
    const before = await rules();
    const audits = await auditCount();
    const unknownMarketplace = cli(["set", "--marketplace=nope", "--sku=CLI-A", "--buffer=1"]);
    expect(unknownMarketplace.code).toBe(1);
    expect(unknownMarketplace.stderr).toContain('no marketplace with id or code "nope"');
    const unknownSku = cli(["set", "--marketplace=cli-mp", "--sku=NOPE", "--buffer=1"]);
    expect(unknownSku.code).toBe(1);
    expect(unknownSku.stderr).toContain('no variation with sku "NOPE"');
    const unlisted = cli(["set", "--marketplace=cli-mp", "--sku=CLI-UNLISTED", "--buffer=1"]);
    expect(unlisted.code).toBe(1);
    expect(unlisted.stderr).toContain("does not list CLI-UNLISTED");
    for (const flags of [
      ["--buffer=-1"],
      ["--share=0"],
      ["--share=101"],
      ["--max=lots"],
      [], // no rule at all
    ]) {
      // In process: a usage error is refused before the database is opened.
      expect(
        await run(["set", "--marketplace=cli-mp", "--sku=CLI-A", ...flags]),
        flags.join(" "),
      ).toBe(2);
    }
    expect(await run(["set", "--sku=CLI-A", "--buffer=1"])).toBe(2);
    expect(await run(["frobnicate"])).toBe(2);
    expect(cli(["set", "--marketplace=cli-mp", "--sku=CLI-A", "--share=0"]).code).toBe(2);
    expect(await rules()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("import: reports every bad line by number and stores nothing", async () => {
    expect(
      parseListingRulesCsv(
        "marketplace,sku,buffer,max_quantity,share_percent,zero_at_or_below\n" +
          "cli-mp,CLI-A,1,,,\n" +
          "cli-mp,CLI-B,-1,,,\n" +
          "cli-mp,CLI-A,0,,,\n" +
          "cli-mp,CLI-B,0,,0,\n",
      ),
    ).toEqual({
      ok: false,
      problems: [
        { line: 3, message: expect.stringMatching(/^buffer: /) },
        { line: 4, message: "cli-mp CLI-A already on line 2" },
        { line: 5, message: expect.stringMatching(/^share_percent: /) },
      ],
    });
    const before = await rules();
    const audits = await auditCount();
    const header = "marketplace,sku,buffer,max_quantity,share_percent,zero_at_or_below\n";
    const bad = writeCsv("bad.csv", `${header}cli-mp,CLI-A,5,,,\ncli-mp,CLI-B,x,,,\n`);
    const parsed = cli(["import", bad]);
    expect(parsed.code).toBe(1);
    expect(parsed.stderr).toContain(`${bad}:3: buffer`);
    expect(parsed.stderr).toContain("nothing was changed");
    const unknown = writeCsv(
      "unknown.csv",
      `${header}cli-mp,CLI-A,5,,,\nnope,CLI-B,1,,,\ncli-mp,GHOST,1,,,\n`,
    );
    const resolved = cli(["import", unknown, "--json"]);
    expect(resolved.code).toBe(1);
    expect(JSON.parse(resolved.stdout)).toEqual({
      ok: false,
      applied: false,
      problems: [
        { line: 3, message: 'no marketplace with id or code "nope"' },
        { line: 4, message: 'no variation with sku "GHOST"' },
      ],
    });
    expect(await run(["import"])).toBe(2);
    expect(cli(["import", path.join(dir, "missing.csv")]).code).toBe(2);
    expect(await rules()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("import: sets every line's rules in one go, audited once", async () => {
    const file = writeCsv(
      "good.csv",
      "marketplace,sku,buffer,max_quantity,share_percent,zero_at_or_below\n" +
        `cli-mp,CLI-A,0,none,,\n${marketplaceId},CLI-B,1,2,80,1\n`,
    );
    const audits = await auditCount();
    const result = cli(["import", file, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, applied: true, changed: 2 });
    expect(await rules()).toEqual([
      expect.objectContaining({ sku: "CLI-A", buffer: 0, max_quantity: null, share_percent: null }),
      {
        sku: "CLI-B",
        buffer: 1,
        max_quantity: 2,
        share_percent: 80,
        zero_at_or_below: 1,
        pending: true,
      },
    ]);
    expect(await auditCount()).toBe(audits + 1);
  });
});
