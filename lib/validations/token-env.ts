// The one rule for `marketplaces.token_env`: which environment variable may hold a marketplace
// token. The app sends that variable's value to the marketplace's base URL, so a name the app
// (or its platform) reads for itself — DATABASE_URL, BETTER_AUTH_SECRET, CRON_SECRET,
// AWS_SESSION_TOKEN … — would hand that secret to whatever host an admin typed.
// Used by the dashboard form, the server actions, the CLI and the adapter factory (the only
// place that reads a token), so a stored row that breaks the rule is never called either.
import { z } from "zod";
import { appEnvNames, tokenVariables } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Token variables end in _TOKEN (e.g. BM_FR_TOKEN, DEMO_REFURBED_TOKEN). */
export const TOKEN_ENV_PATTERN = /^[A-Z][A-Z0-9_]*_TOKEN$/;

/**
 * Variables read outside lib/env.ts's schema (scripts, the runtime, the shell). The schema's
 * own keys are added below, so a variable added there is refused here without an edit.
 */
const otherAppNames = [
  "PATH",
  "HOME",
  "USER",
  "SHELL",
  "PWD",
  "TMPDIR",
  "TZ",
  "LANG",
  "PORT",
  "HOSTNAME",
  "VERCEL",
  "CI",
  "TEST_DATABASE_URL",
  "BENCH_DATABASE_URL",
  "WORKER_CONCURRENCY",
  "CHROMIUM_PATH",
  "STOCKLOCK_USER_PASSWORD",
  "STOCKLOCK_NO_PREPARE",
  "METRICS_TOKEN",
  "ALERT_WEBHOOK_URL",
  "SMTP_URL",
  "ALERT_EMAIL_TO",
];

/**
 * Prefixes of variables that belong to the app or its platform; several end in _TOKEN
 * (VERCEL_OIDC_TOKEN, AWS_SESSION_TOKEN, GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, NPM_TOKEN).
 */
const reservedPrefixes = [
  "NODE_",
  "NPM_",
  "NEXT_",
  "VERCEL_",
  "AWS_",
  "AZURE_",
  "GOOGLE_",
  "GCP_",
  "GCLOUD_",
  "GITHUB_",
  "ACTIONS_",
  "RUNNER_",
  "CI_",
  "DATABASE_",
  "POSTGRES_",
  "PG",
  "BETTER_AUTH_",
  "CRON_",
  "METRICS_",
  "ALERT_",
  "SMTP_",
  "SYNC_",
  "SIMULATOR_",
  "MARKETPLACE_",
  "E2E_",
];

export const reservedEnvNames: ReadonlySet<string> = new Set([...appEnvNames, ...otherAppNames]);

/** Why `name` may not hold a marketplace token, or null when it may. */
export function tokenEnvProblem(name: string): string | null {
  return secretEnvProblem(name, "_TOKEN");
}

/** The endings a marketplace's secret variables may have, each with an example name. */
const secretEnvExamples = {
  _TOKEN: "BM_FR_TOKEN",
  _SECRET: "SHOP_WEBHOOK_SECRET",
  _CLIENT_ID: "SHOP_CLIENT_ID",
} as const;
export type SecretEnvSuffix = keyof typeof secretEnvExamples;

/**
 * Why `name` may not hold a marketplace secret ending in `suffix` (a token, a webhook or client
 * secret, a client id), or null when it may: the same refusal of the app's own variables for
 * every one of them.
 */
export function secretEnvProblem(name: string, suffix: SecretEnvSuffix): string | null {
  const example = secretEnvExamples[suffix];
  if (reservedEnvNames.has(name) || reservedPrefixes.some((prefix) => name.startsWith(prefix))) {
    return `${name} is a variable the app reads for itself; name a variable of its own (e.g. ${example})`;
  }
  if (!/^[A-Z][A-Z0-9_]*$/.test(name) || !name.endsWith(suffix) || name === suffix) {
    return `an environment variable name ending in ${suffix} (e.g. ${example})`;
  }
  return null;
}

/** A schema for the name of a marketplace secret's variable (never its value). */
export function secretEnvSchema(suffix: SecretEnvSuffix) {
  return z
    .string()
    .trim()
    .superRefine((name, ctx) => {
      const problem = secretEnvProblem(name, suffix);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/**
 * The value of a marketplace secret's variable (`what` names it in errors), refused like a
 * token: a reserved name, an unset variable, or the value of one of the app's own variables.
 */
export function readMarketplaceSecret(
  code: string,
  name: string,
  suffix: SecretEnvSuffix,
  what: string,
  source: Record<string, string | undefined> = tokenVariables(),
): string {
  const problem = secretEnvProblem(name, suffix);
  if (problem)
    throw new AppError("bad_request", `Marketplace ${code}: ${what} variable ${problem}`);
  const value = source[name]?.trim();
  if (!value) {
    throw new AppError(
      "bad_request",
      `Marketplace ${code}: environment variable ${name} (its ${what}) is not set`,
    );
  }
  for (const reserved of reservedEnvNames) {
    if (value.length >= 8 && source[reserved]?.trim() === value) {
      throw new AppError(
        "bad_request",
        `Marketplace ${code}: ${name} holds the value of ${reserved}; give the marketplace its own ${what}`,
      );
    }
  }
  return value;
}

export const tokenEnvSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = tokenEnvProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * The token a marketplace row names, read from `source` (default: the process environment).
 * Refuses a reserved name, and a token whose value is that of one of the app's own variables
 * (an operator who copied DATABASE_URL into BM_FR_TOKEN).
 */
export function readMarketplaceToken(
  code: string,
  name: string,
  source: Record<string, string | undefined> = tokenVariables(),
): string {
  const problem = tokenEnvProblem(name);
  if (problem) throw new AppError("bad_request", `Marketplace ${code}: token variable ${problem}`);
  const token = source[name]?.trim();
  if (!token) {
    throw new AppError(
      "bad_request",
      `Marketplace ${code}: environment variable ${name} (its API token) is not set`,
    );
  }
  for (const reserved of reservedEnvNames) {
    // Short values (NODE_ENV=test, CI=1) are not secrets and could match by chance.
    if (token.length >= 8 && source[reserved]?.trim() === token) {
      throw new AppError(
        "bad_request",
        `Marketplace ${code}: ${name} holds the value of ${reserved}; give the marketplace its own token`,
      );
    }
  }
  return token;
}

/** Whether a row's token variable is allowed and set (its value is never returned). */
export function tokenConfigured(
  name: string,
  source: Record<string, string | undefined> = tokenVariables(),
): boolean {
  return tokenEnvProblem(name) === null && (source[name] ?? "").trim() !== "";
}
