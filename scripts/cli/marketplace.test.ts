// `marketplace add|list` on real PostgreSQL, with the connection test against the simulator.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { marketplaces } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { demoShopify } from "@/lib/marketplaces/simulator/catalogue";
import { startSimulator } from "@/lib/marketplaces/simulator/server";
import { runMarketplaceCommand } from "./marketplace";

describe("npm run cli -- marketplace", () => {
  const database = useTestDatabase();

  function harness(env: Record<string, string | undefined>) {
    const out: string[] = [];
    const err: string[] = [];
    const deps = {
      db: async () => database.current.db,
      env,
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
    };
    return { run: (args: string[]) => runMarketplaceCommand(args, deps), out, err };
  }

  it("adds a marketplace after a successful connection test, and refuses a bad token or a duplicate", async () => {
    const sim = await startSimulator({
      tokens: { backmarket: "bm-secret", refurbed: "rf-secret" },
    });
    try {
      const cli = harness({ BM_FR_TOKEN: "bm-secret", RF_TOKEN: "wrong" });
      const bm = [
        "add",
        "--provider=backmarket",
        "--code=bm-fr",
        "--name=Back Market FR",
        `--base-url=${sim.url}/`,
        "--token-env=BM_FR_TOKEN",
        "--country=fr-fr",
      ];
      expect(await cli.run(bm)).toBe(0);
      expect(cli.out.at(-1)).toMatch(/Added marketplace bm-fr .*connection OK/);

      const rf = [
        "add",
        "--provider=refurbed",
        "--code=refurbed",
        "--name=Refurbed",
        `--base-url=${sim.url}`,
        "--token-env=RF_TOKEN",
      ];
      expect(await cli.run(rf)).toBe(1);
      expect(cli.err.at(-1)).toMatch(/Connection test failed, nothing was stored: .*401/);
      expect(await cli.run(bm)).toBe(1);
      expect(cli.err.at(-1)).toMatch(/already exists/);

      const rows = await database.current.db.select().from(marketplaces);
      expect(rows.map((r) => [r.code, r.provider, r.baseUrl, r.tokenEnv, r.country])).toEqual([
        ["bm-fr", "backmarket", sim.url, "BM_FR_TOKEN", "fr-fr"],
      ]);
      expect(JSON.stringify(rows)).not.toContain("bm-secret");
    } finally {
      await sim.close();
    }
  });

  it("exits 2 on bad arguments and names what is wrong", async () => {
    const cli = harness({});
    expect(
      await cli.run([
        "add",
        "--provider=ebay",
        "--code=X",
        "--name=",
        "--base-url=ftp://x",
        "--token-env=lower",
      ]),
    ).toBe(2);
    expect(cli.err.at(-1)).toMatch(/provider/);
    expect(cli.err.at(-1)).toMatch(/code/);
    expect(cli.err.at(-1)).toMatch(/base-url/);
    expect(await cli.run(["add", "--nope"])).toBe(2);
    expect(await cli.run(["frobnicate"])).toBe(2);
  });

  /** A stand-in for an admin's chosen host: records every request it gets. */
  async function recordingServer() {
    const seen: { url: string; auth: string | undefined }[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? "", auth: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"count":0,"next":null,"previous":null,"results":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = () => new Promise((resolve) => server.close(resolve));
    return { url, seen, close };
  }

  it("refuses a token variable the app reads for itself: exit 2, nothing stored, nothing sent", async () => {
    const host = await recordingServer();
    const before = await database.current.db.select().from(marketplaces);
    try {
      const secrets = {
        DATABASE_URL: "postgres://app:db-password@db.internal/app",
        BETTER_AUTH_SECRET: "auth-secret-auth-secret-auth-secret-1234",
        CRON_SECRET: "cron-secret-value-1234",
      };
      const cli = harness(secrets);
      for (const name of Object.keys(secrets)) {
        for (const extra of [[], ["--skip-test"]]) {
          const args = [
            "add",
            "--provider=backmarket",
            "--code=bm-fr",
            "--name=Back Market FR",
            `--base-url=${host.url}`,
            `--token-env=${name}`,
            ...extra,
          ];
          expect(await cli.run(args), name).toBe(2);
          expect(cli.err.at(-1)).toContain(`${name} is a variable the app reads for itself`);
        }
      }
      expect(host.seen).toEqual([]);
      expect(await database.current.db.select().from(marketplaces)).toEqual(before);
      for (const value of Object.values(secrets)) {
        expect(cli.err.join("\n") + cli.out.join("\n")).not.toContain(value);
      }
    } finally {
      await host.close();
    }
  });

  it("refuses a link-local or metadata base URL: exit 2, nothing stored", async () => {
    const cli = harness({ BM_FR_TOKEN: "bm-secret" });
    const before = await database.current.db.select().from(marketplaces);
    for (const base of [
      "http://169.254.169.254/latest",
      "http://[fd00:ec2::254]",
      "http://metadata.google.internal",
    ]) {
      const args = [
        "add",
        "--provider=backmarket",
        "--code=bm-fr",
        "--name=Back Market FR",
        `--base-url=${base}`,
        "--token-env=BM_FR_TOKEN",
      ];
      expect(await cli.run(args), base).toBe(2);
      expect(cli.err.at(-1)).toMatch(/link-local or cloud-metadata/);
    }
    expect(await database.current.db.select().from(marketplaces)).toEqual(before);
  });

  it("adds without a test when asked, and lists with the token's presence (never its value)", async () => {
    const cli = harness({ SIM_TOKEN: "s3cret" });
    expect(
      await cli.run([
        "add",
        "--provider=simulator",
        "--code=sim",
        "--name=Sim",
        "--base-url=http://127.0.0.1:9",
        "--token-env=SIM_TOKEN",
        "--skip-test",
      ]),
    ).toBe(0);
    expect(await cli.run(["list", "--json"])).toBe(0);
    const listed = JSON.parse(cli.out.at(-1) ?? "[]") as { code: string; tokenSet: boolean }[];
    expect(listed.find((row) => row.code === "sim")).toMatchObject({ tokenSet: true });
    expect(cli.out.join("\n")).not.toContain("s3cret");
  });

  it("adds a Shopify shop (settings checked, connection tested) and subscribes its webhooks once", async () => {
    const sim = await startSimulator();
    try {
      const env = {
        SHOP_TOKEN: demoShopify.token,
        SHOP_WEBHOOK_SECRET: demoShopify.clientSecret,
        BETTER_AUTH_URL: "https://stock.example.com",
      };
      const cli = harness(env);
      const shop = [
        "add",
        "--provider=shopify",
        "--code=shop-cli",
        "--name=Web shop",
        `--base-url=${sim.url}`,
        "--token-env=SHOP_TOKEN",
        "--shop-domain=refurb-demo-shop.myshopify.com",
        "--location-id=1",
      ];
      // The webhook secret's variable may not be one the app reads for itself.
      expect(await cli.run([...shop, "--webhook-secret-env=BETTER_AUTH_SECRET"])).toBe(2);
      expect(cli.err.at(-1)).toMatch(/reads for itself/);
      // A location that does not exist fails the connection test: nothing stored.
      expect(
        await cli.run([
          ...shop.slice(0, -1),
          "--location-id=99",
          "--webhook-secret-env=SHOP_WEBHOOK_SECRET",
        ]),
      ).toBe(1);
      expect(cli.err.at(-1)).toMatch(/location gid:\/\/shopify\/Location\/99 does not exist/);
      expect(await cli.run([...shop, "--webhook-secret-env=SHOP_WEBHOOK_SECRET"])).toBe(0);
      const [row] = await database.current.db
        .select()
        .from(marketplaces)
        .where(eq(marketplaces.code, "shop-cli"));
      expect(row?.settings).toEqual({
        shopDomain: "refurb-demo-shop.myshopify.com",
        locationId: "gid://shopify/Location/1",
        apiVersion: "2026-04",
        webhookSecretEnv: "SHOP_WEBHOOK_SECRET",
      });
      expect(JSON.stringify(row)).not.toContain(demoShopify.clientSecret);

      expect(await cli.run(["webhooks", "--marketplace=shop-cli"])).toBe(0);
      const endpoint = "https://stock.example.com/api/webhooks/shopify/shop-cli";
      expect(sim.shopify.api.subscriptions.map((s) => s.uri)).toEqual(Array(8).fill(endpoint));
      expect(await cli.run(["webhooks", "--marketplace=shop-cli"])).toBe(0);
      expect(sim.shopify.api.subscriptions).toHaveLength(8);
      expect(cli.out.at(-1)).toMatch(/already subscribed/);
      expect(await cli.run(["webhooks", "--marketplace=shop-cli", "--url=not a url"])).toBe(2);
      expect(await cli.run(["webhooks", "--marketplace=nope"])).toBe(1);
    } finally {
      await sim.close();
    }
  });
});
