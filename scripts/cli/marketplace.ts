// npm run cli -- marketplace add|list
// `add` validates the options, tests the connection with the real client (the token read from
// the named environment variable), and only then stores the marketplace.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import { acceptPolicies, marketplaces, providers } from "@/db/schema";
import { tokenVariables } from "@/lib/env";
import { createAdapter } from "@/lib/marketplaces/factory";
import { marketplaceBaseUrlSchema } from "@/lib/validations/marketplaces";
import { tokenEnvSchema } from "@/lib/validations/token-env";
import {
  shopifyAddOptions,
  shopifySettingsFromOptions,
  shopifyUsage,
  webhooksCommand,
} from "./marketplace-shopify";

export const usage = `usage:
  npm run cli -- marketplace add --provider=backmarket|refurbed|shopify|simulator --code=bm-fr --name="Back Market FR"
      --base-url=URL --token-env=BM_FR_TOKEN [--country=fr-fr] [--accept-policy=when_in_stock|always|never]
      [--user-agent="BM-<Company>-<Integration>;<email>"] [--skip-test]
  npm run cli -- marketplace list [--json]
${shopifyUsage}

The token itself stays in the environment variable named by --token-env (a name ending in
_TOKEN, never one the app reads for itself); add tests the connection with it before storing
anything.`;

export interface MarketplaceCommandDeps {
  db: () => Promise<Database>;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const addSchema = z.object({
  provider: z.enum(providers),
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes (e.g. bm-fr)"),
  name: z.string().trim().min(1),
  "base-url": marketplaceBaseUrlSchema,
  // A name the app reads for itself (DATABASE_URL, BETTER_AUTH_SECRET, …) is refused here:
  // exit 2, before anything is stored or sent.
  "token-env": tokenEnvSchema,
  country: z
    .string()
    .regex(/^[a-z]{2}-[a-z]{2}$/, "a market code like fr-fr")
    .optional(),
  "accept-policy": z.enum(acceptPolicies).optional(),
  "user-agent": z
    .string()
    .regex(/^BM-[^;]+;.+@.+$/, "BM-<Company>-<Integration>;<email>")
    .optional(),
  "skip-test": z.boolean().optional(),
});

export async function run(args: string[]): Promise<number> {
  return runMarketplaceCommand(args, {
    db: getDb,
    env: tokenVariables(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}

export async function runMarketplaceCommand(
  args: string[],
  deps: MarketplaceCommandDeps,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === "add") return add(rest, deps);
  if (command === "list") return list(rest, deps);
  if (command === "webhooks") return webhooksCommand(rest, deps);
  deps.err(command ? `Unknown marketplace command "${command}".\n${usage}` : usage);
  return 2;
}

async function add(args: string[], deps: MarketplaceCommandDeps): Promise<number> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        provider: { type: "string" },
        code: { type: "string" },
        name: { type: "string" },
        "base-url": { type: "string" },
        "token-env": { type: "string" },
        country: { type: "string" },
        "accept-policy": { type: "string" },
        "user-agent": { type: "string" },
        "skip-test": { type: "boolean" },
        ...shopifyAddOptions,
      },
    }).values;
  } catch (error) {
    deps.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  // A shop's API lives at its own domain unless a base URL says otherwise (the simulator).
  if (
    values.provider === "shopify" &&
    !values["base-url"] &&
    typeof values["shop-domain"] === "string"
  ) {
    values["base-url"] = `https://${values["shop-domain"]}`;
  }
  const shopify = values.provider === "shopify" ? shopifySettingsFromOptions(values) : null;
  if (shopify && !shopify.ok) {
    deps.err(`Invalid Shopify options:\n${shopify.error}\n${usage}`);
    return 2;
  }
  const parsed = addSchema.safeParse(values);
  if (!parsed.success) {
    deps.err(`Invalid options:\n${z.prettifyError(parsed.error)}\n${usage}`);
    return 2;
  }
  const options = parsed.data;
  const row = {
    code: options.code,
    name: options.name,
    provider: options.provider,
    baseUrl: options["base-url"],
    tokenEnv: options["token-env"],
    country:
      options.country ??
      (options.provider === "refurbed" || options.provider === "shopify" ? null : "fr-fr"),
    acceptPolicy: options["accept-policy"] ?? "when_in_stock",
    settings: shopify?.ok
      ? shopify.settings
      : options["user-agent"]
        ? { userAgent: options["user-agent"] }
        : {},
  };

  const db = await deps.db();
  const [existing] = await db
    .select({ id: marketplaces.id })
    .from(marketplaces)
    .where(eq(marketplaces.code, row.code));
  if (existing) {
    deps.err(`A marketplace with code ${row.code} already exists (id ${existing.id}).`);
    return 1;
  }

  if (!options["skip-test"]) {
    try {
      const adapter = createAdapter(
        { ...row, id: 0 },
        // A connection test answers quickly: few retries, short waits.
        {
          env: deps.env,
          timings: {
            retry: {
              retries: 2,
              minTimeoutMs: 500,
              maxTimeoutMs: 2_000,
              factor: 2,
              randomize: true,
              maxRetryAfterMs: 5_000,
            },
            timeoutMs: 15_000,
          },
        },
      );
      await adapter.testConnection();
    } catch (error) {
      deps.err(
        `Connection test failed, nothing was stored: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 1;
    }
  }

  const [created] = await db.insert(marketplaces).values(row).returning({ id: marketplaces.id });
  deps.out(
    `Added marketplace ${row.code} (id ${created?.id}, ${row.provider}, ${row.baseUrl})${options["skip-test"] ? " without a connection test" : "; connection OK"}.`,
  );
  return 0;
}

async function list(args: string[], deps: MarketplaceCommandDeps): Promise<number> {
  let json = false;
  try {
    json = Boolean(
      parseArgs({ args, strict: true, options: { json: { type: "boolean" } } }).values.json,
    );
  } catch (error) {
    deps.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const db = await deps.db();
  const rows = await db.select().from(marketplaces).orderBy(marketplaces.id);
  const view = rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    tokenEnv: row.tokenEnv,
    tokenSet: Boolean(deps.env[row.tokenEnv]?.trim()),
    country: row.country,
    active: row.active,
  }));
  if (json) {
    deps.out(JSON.stringify(view));
    return 0;
  }
  if (view.length === 0)
    deps.out("No marketplaces. Add one with: npm run cli -- marketplace add …");
  for (const row of view) {
    deps.out(
      `${String(row.id).padStart(3)}  ${row.code.padEnd(12)} ${row.provider.padEnd(10)} ${row.baseUrl}  token ${row.tokenEnv}${row.tokenSet ? "" : " (unset)"}${row.active ? "" : "  inactive"}`,
    );
  }
  return 0;
}
