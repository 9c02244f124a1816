import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { BackMarketClient } from "./backmarket/client";
import { createAdapter, type MarketplaceRow } from "./factory";
import { RefurbedClient } from "./refurbed/client";
import { startSimulator } from "./simulator/server";
import { captureLogger, fastTimings } from "./testing/fast-clients";

const row = (overrides: Partial<MarketplaceRow> = {}): MarketplaceRow => ({
  id: 1,
  code: "bm-fr",
  provider: "backmarket",
  baseUrl: "http://127.0.0.1:1",
  tokenEnv: "TEST_BM_TOKEN",
  country: "fr-fr",
  settings: {},
  ...overrides,
});

describe("createAdapter", () => {
  it("picks the client by provider (simulator speaks Back Market)", () => {
    const env = { TEST_BM_TOKEN: "t" };
    expect(createAdapter(row(), { env })).toBeInstanceOf(BackMarketClient);
    expect(createAdapter(row({ provider: "simulator" }), { env })).toBeInstanceOf(BackMarketClient);
    expect(createAdapter(row({ provider: "refurbed" }), { env })).toBeInstanceOf(RefurbedClient);
  });

  it("names the missing token variable, never a value", () => {
    const error = (() => {
      try {
        createAdapter(row(), { env: { TEST_BM_TOKEN: "  " } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      "Marketplace bm-fr: environment variable TEST_BM_TOKEN (its API token) is not set",
    );
  });

  it("refuses a stored row whose token variable is one the app reads for itself", () => {
    const env = { DATABASE_URL: "postgres://u:secret@db/app", CRON_SECRET: "cron-secret-value" };
    for (const tokenEnv of ["DATABASE_URL", "CRON_SECRET", "BETTER_AUTH_SECRET"]) {
      expect(() => createAdapter(row({ tokenEnv }), { env }), tokenEnv).toThrowError(
        /reads for itself/,
      );
    }
  });

  it("reads the token from the named variable and the User-Agent from the row's settings", async () => {
    const sim = await startSimulator({ tokens: { backmarket: "from-env" } });
    try {
      const settings = { userAgent: "BM-Acme-Sync;ops@acme.example" };
      const adapter = createAdapter(row({ baseUrl: sim.url, settings }), {
        env: { TEST_BM_TOKEN: "from-env" },
        logger: captureLogger().logger,
        timings: fastTimings(),
      });
      await expect(adapter.testConnection()).resolves.toBeUndefined();
      const badAgent = createAdapter(row({ baseUrl: sim.url, settings: { userAgent: "curl" } }), {
        env: { TEST_BM_TOKEN: "from-env" },
        logger: captureLogger().logger,
        timings: fastTimings(),
      });
      await expect(badAgent.testConnection()).rejects.toMatchObject({ httpStatus: 403 });
    } finally {
      await sim.close();
    }
  });
});

describe("BACKMARKET_USER_AGENT", () => {
  it("must have Back Market's required form", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(
      parseEnv({ BACKMARKET_USER_AGENT: "BM-Acme-Sync;ops@acme.example" }).BACKMARKET_USER_AGENT,
    ).toBe("BM-Acme-Sync;ops@acme.example");
    expect(() => parseEnv({ BACKMARKET_USER_AGENT: "curl/8" })).toThrowError(
      /BACKMARKET_USER_AGENT/,
    );
    expect(parseEnv({}).SIMULATOR_URL).toBe("http://127.0.0.1:3001");
  });
});
