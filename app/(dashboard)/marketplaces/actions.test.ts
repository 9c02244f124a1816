import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import { auditLog, marketplaces } from "@/db/schema";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const TOKEN_ENV = "ACTIONS_TEST_SIM_TOKEN";

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
    process.env.ACTIONS_TEST_WRONG_TOKEN = "not-the-secret";
    const result = await saveMarketplaceAction(
      null,
      form({ tokenEnv: "ACTIONS_TEST_WRONG_TOKEN" }),
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
  });
});
