// `returns list|receive|restock|write-off` on real PostgreSQL: exit codes, JSON output,
// stock moved only by a restock, the push started after it, every action audited.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { upsertOrder } from "@/lib/runtime";
import {
  createMarketplace,
  createVariations,
  makeOrder,
  variationCounters,
} from "@/lib/stock/testing/fixtures";
import { runReturnsCommand } from "./returns";

describe("npm run cli -- returns", () => {
  const database = useTestDatabase();
  let mp: number;
  let seq = 0;

  beforeAll(async () => {
    mp = await createMarketplace(database.current.db);
  });

  function harness() {
    const out: string[] = [];
    const err: string[] = [];
    let pushes = 0;
    const deps = {
      db: async () => database.current.db,
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      push: async () => {
        pushes++;
        return { pushed: 0, unchanged: 0, failed: 0, deferred: 0 };
      },
    };
    return {
      run: (args: string[]) => runReturnsCommand(args, deps),
      out,
      err,
      pushes: () => pushes,
    };
  }

  /** A line shipped then refunded: one expected return. */
  async function expectedReturn(sku: string) {
    const { db } = database.current;
    const ext = `CLI-${++seq}`;
    for (const status of ["accepted", "shipped", "refunded"] as const) {
      await db.transaction((tx) => upsertOrder(tx, makeOrder(mp, ext, [{ sku, status }])));
    }
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`select r.id from stock_returns r join orders o on o.id = r.order_id
          where o.external_id = ${ext}`,
    );
    return row?.id as number;
  }

  it("lists, receives, restocks once (as another SKU too), writes off; exit 0/1/2", async () => {
    const ids = await createVariations(database.current.db, [
      { sku: "CLI-A", onHand: 2 },
      { sku: "CLI-A-GRADE-C", onHand: 0 },
    ]);
    const a = ids.get("CLI-A") as number;
    const graded = ids.get("CLI-A-GRADE-C") as number;
    const first = await expectedReturn("CLI-A");
    const second = await expectedReturn("CLI-A");
    const cli = harness();

    expect(await cli.run(["list", "--json"])).toBe(0);
    const listed = JSON.parse(cli.out.at(-1) as string);
    expect(listed.returns.map((r: { id: number }) => r.id).sort()).toEqual([first, second].sort());
    expect(listed.returns[0]).toMatchObject({ status: "expected", sku: "CLI-A", quantity: 1 });

    expect(await cli.run(["restock", `--id=${first}`])).toBe(1);
    expect(cli.err.at(-1)).toMatch(/receive it first/);
    expect(await cli.run(["receive", `--id=${first}`, "--actor=ana@example.com"])).toBe(0);
    expect(await variationCounters(database.current.db, a)).toMatchObject({ onHand: 0 });
    expect(await cli.run(["restock", `--id=${first}`, "--json"])).toBe(0);
    expect(JSON.parse(cli.out.at(-1) as string)).toMatchObject({
      ok: true,
      status: "restocked",
      sku: "CLI-A",
      onHand: 1,
    });
    expect(cli.pushes()).toBe(1);
    expect(await cli.run(["restock", `--id=${first}`])).toBe(1);
    expect(cli.err.at(-1)).toMatch(/is restocked/);
    expect(await variationCounters(database.current.db, a)).toMatchObject({ onHand: 1 });

    await cli.run(["receive", `--id=${second}`]);
    expect(await cli.run(["restock", `--id=${second}`, "--as-sku=NO-SUCH"])).toBe(1);
    expect(await cli.run(["restock", `--id=${second}`, "--as-sku=CLI-A-GRADE-C"])).toBe(0);
    expect(await variationCounters(database.current.db, graded)).toMatchObject({ onHand: 1 });

    const third = await expectedReturn("CLI-A");
    expect(await cli.run(["write-off", `--id=${third}`])).toBe(2);
    expect(await cli.run(["write-off", `--id=${third}`, "--reason=customer kept it"])).toBe(0);
    expect(await cli.run(["list", "--status=written_off", "--json"])).toBe(0);
    expect(JSON.parse(cli.out.at(-1) as string).returns).toMatchObject([
      { id: third, writeOffReason: "customer kept it" },
    ]);

    const audit = await queryRows<{ action: string; outcome: string; actor_email: string }>(
      database.current.db,
      sql`select action, outcome, actor_email from audit_log
          where target = ${`return:${first}`} order by id`,
    );
    expect(audit).toEqual([
      { action: "return.restocked", outcome: "failed", actor_email: "cli" },
      { action: "return.received", outcome: "succeeded", actor_email: "ana@example.com" },
      { action: "return.restocked", outcome: "succeeded", actor_email: "cli" },
      { action: "return.restocked", outcome: "failed", actor_email: "cli" },
    ]);
  });

  it("refuses unknown commands and bad options with exit 2", async () => {
    const cli = harness();
    expect(await cli.run([])).toBe(2);
    expect(await cli.run(["explode"])).toBe(2);
    expect(await cli.run(["receive"])).toBe(2);
    expect(await cli.run(["receive", "--id=abc"])).toBe(2);
    expect(await cli.run(["list", "--status=lost"])).toBe(2);
    expect(await cli.run(["list", "--bogus"])).toBe(2);
  });
});
