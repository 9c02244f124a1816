// The one rule for marketplaces.token_env: a name ending in _TOKEN that the app (or its
// platform) does not read for itself. Every key of lib/env.ts's schema is refused, so a
// variable added there can never be named as a marketplace token.
import { describe, expect, it } from "vitest";
import { appEnvNames } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readMarketplaceToken, reservedEnvNames, tokenEnvSchema } from "./token-env";

const accepted = (name: string) => tokenEnvSchema.safeParse(name).success;

describe("tokenEnvSchema", () => {
  it("refuses every variable of the env schema, and the app's other variables", () => {
    expect(appEnvNames).toEqual(
      expect.arrayContaining(["DATABASE_URL", "BETTER_AUTH_SECRET", "CRON_SECRET", "NODE_ENV"]),
    );
    for (const name of [...appEnvNames, ...reservedEnvNames]) {
      expect(accepted(name), name).toBe(false);
    }
    const result = tokenEnvSchema.safeParse("BETTER_AUTH_SECRET");
    expect(result.error?.issues[0]?.message).toMatch(/reads for itself/);
  });

  it("refuses platform credentials that end in _TOKEN", () => {
    for (const name of [
      "METRICS_TOKEN",
      "AWS_SESSION_TOKEN",
      "VERCEL_OIDC_TOKEN",
      "GITHUB_TOKEN",
      "ACTIONS_RUNTIME_TOKEN",
      "NPM_TOKEN",
      "CI_JOB_TOKEN",
    ]) {
      expect(accepted(name), name).toBe(false);
    }
  });

  it("keeps the names installs, the demo and the tests use", () => {
    for (const name of [
      "BM_FR_TOKEN",
      "RF_TOKEN",
      "DEMO_BACKMARKET_TOKEN",
      "DEMO_REFURBED_TOKEN",
      "STOCKLOCK_TEST_BM_TOKEN",
      "STOCKLOCK_TEST_RF_TOKEN",
      "SIM_TOKEN",
    ]) {
      expect(accepted(name), name).toBe(true);
    }
  });

  it("wants a variable name ending in _TOKEN", () => {
    for (const name of ["lower_token", "BM_FR_KEY", "_TOKEN", "BM FR_TOKEN", "1BM_TOKEN", ""]) {
      expect(accepted(name), name).toBe(false);
    }
  });
});

describe("readMarketplaceToken", () => {
  it("reads the named variable and refuses a reserved name or a copied app secret", () => {
    const source = {
      BM_FR_TOKEN: "bm-token-value",
      COPIED_TOKEN: "postgres://app:pw@db/app",
      DATABASE_URL: "postgres://app:pw@db/app",
    };
    expect(readMarketplaceToken("bm-fr", "BM_FR_TOKEN", source)).toBe("bm-token-value");
    expect(() => readMarketplaceToken("bm-fr", "DATABASE_URL", source)).toThrowError(AppError);
    expect(() => readMarketplaceToken("bm-fr", "COPIED_TOKEN", source)).toThrowError(
      /holds the value of DATABASE_URL/,
    );
  });
});
