import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import { auditLog, marketplaces } from "@/db/schema";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const TOKEN_ENV = "STOCKLOCK_TEST_ACTIONS_SIM_TOKEN";

/** A host an admin might type: records every request, answers `status` with `body`. */
async function recordingHost(status: number, body: string) {
  const seen: { url: string; auth: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization });
    res.writeHead(status);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("marketplace server actions", () => {
  const app = useAppTestDatabase();
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, tokens: { backmarket: "sim-secret" } });
    process.env[TOKEN_ENV] = "sim-secret";
  });
  afterAll(async () => {
    await simulator.close();
    delete process.env[TOKEN_ENV];
  });
  beforeEach(() => {
    request.headers = new Headers();
  });

  function form(values: Record<string, string>): FormData {
    const data = new FormData();
    const defaults = {
      code: "sim-fr",
      name: "Simulated FR",
      provider: "simulator",
      baseUrl: simulator.url,
      tokenEnv: TOKEN_ENV,
      country: "fr-fr",
      acceptPolicy: "when_in_stock",
      active: "on",
    };
    for (const [key, value] of Object.entries({ ...defaults, ...values })) data.set(key, value);
    return data;
  }

  async function rows() {
    return app.database.current.db.select().from(marketplaces).orderBy(marketplaces.id);
  }

  it("refuses viewers and operators, stores nothing, audits the refusal", async () => {
    const { saveMarketplaceAction, testConnectionAction } = await import("./actions");
    for (const role of ["viewer", "operator"] as const) {
      request.headers = app.headersOf(role);
      expect(await saveMarketplaceAction(null, form({}))).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect(await testConnectionAction(form({}))).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    expect(await rows()).toEqual([]);
    const denied = await app.database.current.db
      .select({ actor: auditLog.actorEmail, action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.outcome, "denied"));
    expect(denied).toEqual([
      { actor: "viewer@stocklock.test", action: "marketplace.created" },
      { actor: "viewer@stocklock.test", action: "marketplace.connection_tested" },
      { actor: "operator@stocklock.test", action: "marketplace.created" },
      { actor: "operator@stocklock.test", action: "marketplace.connection_tested" },
    ]);
  });

  it("answers unauthorized without a session", async () => {
    const { saveMarketplaceAction } = await import("./actions");
    expect(await saveMarketplaceAction(null, form({}))).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("rejects bad input with a readable message", async () => {
    const { saveMarketplaceAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const result = await saveMarketplaceAction(null, form({ code: "BM FR", tokenEnv: "lower" }));
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
    if (!result.ok) {
      expect(result.error.message).toContain("code:");
      expect(result.error.message).toContain("tokenEnv:");
    }
    expect(await rows()).toEqual([]);
  });

  it("does not store a marketplace whose connection test fails, and audits the failure", async () => {
    const { saveMarketplaceAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    process.env.STOCKLOCK_TEST_WRONG_TOKEN = "not-the-secret";
    const result = await saveMarketplaceAction(
      null,
      form({ tokenEnv: "STOCKLOCK_TEST_WRONG_TOKEN" }),
    );
    expect(result).toMatchObject({ ok: false });
    expect(await rows()).toEqual([]);
    const [failed] = await app.database.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.outcome, "failed"));
    expect(failed).toMatchObject({
      action: "marketplace.created",
      actorEmail: "admin@stocklock.test",
    });
  });

  it("refuses a token variable the app reads for itself: nothing sent, nothing stored, the name audited", async () => {
    const { saveMarketplaceAction, testConnectionAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    process.env.CRON_SECRET = "cron-secret-for-this-test";
    const host = await recordingHost(200, "{}");
    try {
      for (const tokenEnv of ["DATABASE_URL", "BETTER_AUTH_SECRET", "CRON_SECRET"]) {
        for (const result of [
          await testConnectionAction(form({ baseUrl: host.url, tokenEnv })),
          await saveMarketplaceAction(null, form({ baseUrl: host.url, tokenEnv })),
        ]) {
          expect(result, tokenEnv).toMatchObject({ ok: false, error: { code: "bad_request" } });
          if (!result.ok) expect(result.error.message).toContain("reads for itself");
        }
      }
    } finally {
      await host.close();
      delete process.env.CRON_SECRET;
    }
    expect(host.seen).toEqual([]);
    expect(await rows()).toEqual([]);
    const tested = await app.database.current.db
      .select({ input: auditLog.input, result: auditLog.result })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "marketplace.connection_tested"), eq(auditLog.outcome, "failed")),
      )
      .orderBy(auditLog.id);
    expect(tested.map((entry) => (entry.input as { tokenEnv?: unknown }).tokenEnv)).toEqual([
      "DATABASE_URL",
      "BETTER_AUTH_SECRET",
      "CRON_SECRET",
    ]);
    const everything = JSON.stringify(await app.database.current.db.select().from(auditLog));
    for (const name of ["DATABASE_URL", "BETTER_AUTH_SECRET"]) {
      expect(everything).not.toContain(process.env[name]);
    }
    expect(everything).not.toContain("cron-secret-for-this-test");
  });

  it("refuses a link-local or metadata base URL", async () => {
    const { testConnectionAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    for (const baseUrl of ["http://169.254.169.254/latest", "http://metadata.google.internal"]) {
      const result = await testConnectionAction(form({ baseUrl }));
      expect(result, baseUrl).toMatchObject({ ok: false, error: { code: "bad_request" } });
      if (!result.ok) expect(result.error.message).toMatch(/link-local or cloud-metadata/);
    }
  });

  it("never shows a failed answer's body unless it is a marketplace error", async () => {
    const { testConnectionAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const leaked = "AccessKeyId=ASIAEXAMPLE SecretAccessKey=wJalrXUtnFEMIK7MDENGbPxRfiCY";
    const host = await recordingHost(401, leaked);
    try {
      const result = await testConnectionAction(form({ baseUrl: host.url }));
      expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      if (!result.ok) expect(result.error.message).toMatch(/answered HTTP 401/);
      expect(JSON.stringify(result)).not.toContain("SecretAccessKey");
      expect(host.seen).toHaveLength(1);
    } finally {
      await host.close();
    }
    const everything = JSON.stringify(await app.database.current.db.select().from(auditLog));
    expect(everything).not.toContain("SecretAccessKey");
  });

  it("lets an admin test, add and edit a marketplace, audited", async () => {
    const { saveMarketplaceAction, testConnectionAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    expect(await testConnectionAction(form({}))).toMatchObject({ ok: true });

    const created = await saveMarketplaceAction(null, form({}));
    expect(created).toMatchObject({ ok: true });
    const [row] = await rows();
    expect(row).toMatchObject({ code: "sim-fr", provider: "simulator", tokenEnv: TOKEN_ENV });

    const edited = await saveMarketplaceAction(
      null,
      form({ id: String(row?.id), name: "Simulated France", active: "" }),
    );
    expect(edited).toMatchObject({ ok: true, data: { id: row?.id } });
    expect((await rows())[0]).toMatchObject({ name: "Simulated France", active: false });

    const entries = await app.database.current.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.actorEmail, "admin@stocklock.test"))
      .orderBy(auditLog.id);
    expect(
      entries.filter((e) => e.outcome === "succeeded" && e.action.startsWith("marketplace.")),
    ).toEqual([
      { action: "marketplace.connection_tested", outcome: "succeeded" },
      { action: "marketplace.created", outcome: "succeeded" },
      { action: "marketplace.updated", outcome: "succeeded" },
    ]);
    // The token variable's name is what an admin needs to read back; it is not a secret.
    const [createdEntry] = await app.database.current.db
      .select({ input: auditLog.input })
      .from(auditLog)
      .where(and(eq(auditLog.action, "marketplace.created"), eq(auditLog.outcome, "succeeded")));
    expect(createdEntry?.input).toMatchObject({ tokenEnv: TOKEN_ENV });
  });

  it("subscribes a Shopify shop's webhooks for admins only; other providers are refused", async () => {
    const { subscribeWebhooksAction } = await import("./actions");
    process.env.STOCKLOCK_TEST_SHOP_TOKEN = "shpat_demo-shopify-token";
    const db = app.database.current.db;
    const [shop] = await db
      .insert(marketplaces)
      .values({
        code: "shop-actions",
        name: "Shop",
        provider: "shopify",
        baseUrl: simulator.url,
        tokenEnv: "STOCKLOCK_TEST_SHOP_TOKEN",
        settings: {
          shopDomain: "refurb-demo-shop.myshopify.com",
          locationId: "gid://shopify/Location/1",
        },
      })
      .returning();
    const data = new FormData();
    data.set("id", String(shop?.id));
    data.set("publicUrl", "https://stock.example.com/");
    request.headers = app.headersOf("operator");
    expect(await subscribeWebhooksAction(null, data)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(simulator.shopify.api.subscriptions).toHaveLength(0);
    request.headers = app.headersOf("admin");
    const result = await subscribeWebhooksAction(null, data);
    expect(result).toMatchObject({ ok: true });
    expect(new Set(simulator.shopify.api.subscriptions.map((s) => s.uri))).toEqual(
      new Set(["https://stock.example.com/api/webhooks/shopify/shop-actions"]),
    );
    const [bm] = await rows();
    data.set("id", String(bm?.id));
    expect(await subscribeWebhooksAction(null, data)).toMatchObject({
      ok: false,
      error: { code: "bad_request" },
    });
    delete process.env.STOCKLOCK_TEST_SHOP_TOKEN;
  });

  it("adds a Shopify shop with its settings from the form; incomplete settings store nothing", async () => {
    const { saveMarketplaceAction } = await import("./actions");
    process.env.STOCKLOCK_TEST_SHOP_TOKEN = "shpat_demo-shopify-token";
    request.headers = app.headersOf("admin");
    const shop = {
      code: "shop-form",
      provider: "shopify",
      tokenEnv: "STOCKLOCK_TEST_SHOP_TOKEN",
      country: "",
      shopDomain: "refurb-demo-shop.myshopify.com",
      locationId: "1",
      apiVersion: "2026-04",
      webhookSecretEnv: "SHOP_WEBHOOK_SECRET",
    };
    const before = await rows();
    const incomplete = await saveMarketplaceAction(null, form({ ...shop, shopDomain: "" }));
    expect(incomplete).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect(await rows()).toEqual(before);
    expect(await saveMarketplaceAction(null, form(shop))).toMatchObject({ ok: true });
    const added = (await rows()).find((row) => row.code === "shop-form");
    expect(added?.settings).toEqual({
      shopDomain: "refurb-demo-shop.myshopify.com",
      locationId: "gid://shopify/Location/1",
      apiVersion: "2026-04",
      webhookSecretEnv: "SHOP_WEBHOOK_SECRET",
    });
    delete process.env.STOCKLOCK_TEST_SHOP_TOKEN;
  });
});
