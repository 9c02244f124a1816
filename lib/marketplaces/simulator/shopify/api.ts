// The simulated shop's HTTP face: the client-credentials token endpoint and the GraphQL Admin
// API at /admin/api/{version}/graphql.json (version falls forward like Shopify's, the version
// served in X-Shopify-API-Version), authenticated by X-Shopify-Access-Token, paid for from the
// leaky bucket (THROTTLED answers are HTTP 200 without data, as Shopify sends them).
import { randomBytes } from "node:crypto";
import { buildSchema, execute, type GraphQLSchema, parse, validate } from "graphql";
import { json, type SimRequest, type SimResponse } from "../http-types";
import { actualCost, type LeakyBucket, MAX_SINGLE_QUERY_COST, requestedCost } from "./cost";
import { rootValue, type ShopApiState } from "./resolvers";
import { schemaSource, type VersionFamily, versionFamily } from "./sdl";
import type { SimulatedShop } from "./shop";

/** Versions the simulated shop serves; older ones fall forward to the oldest. */
export const SIM_SHOPIFY_VERSIONS = ["2025-10", "2026-01", "2026-04", "2026-07", "2026-10"];

export interface ShopCredentials {
  /** A legacy custom app's Admin API token. */
  staticToken: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime of client-credentials tokens in seconds (Shopify: about a day). */
  tokenLifetimeS: number;
}

export class ShopTokens {
  private readonly issued = new Map<string, number>();
  constructor(
    readonly credentials: ShopCredentials,
    private readonly now: () => Date,
  ) {}

  issue(): { access_token: string; scope: string; expires_in: number } {
    const token = `shcc_${randomBytes(12).toString("hex")}`;
    const lifetime = this.credentials.tokenLifetimeS;
    this.issued.set(token, this.now().getTime() + lifetime * 1000);
    return {
      access_token: token,
      scope: "read_orders,read_inventory,write_inventory",
      expires_in: lifetime,
    };
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    if (token === this.credentials.staticToken) return true;
    const expires = this.issued.get(token);
    return expires !== undefined && expires > this.now().getTime();
  }

  /** Every client-credentials token expires now (tests of the refresh). */
  expireAll(): void {
    for (const token of this.issued.keys()) this.issued.set(token, 0);
  }

  get issuedCount(): number {
    return this.issued.size;
  }
}

const schemas = new Map<VersionFamily, GraphQLSchema>();
function schemaFor(family: VersionFamily): GraphQLSchema {
  let schema = schemas.get(family);
  if (!schema) {
    schema = buildSchema(schemaSource(family));
    schemas.set(family, schema);
  }
  return schema;
}

export interface ShopifyApiContext {
  shop: SimulatedShop;
  api: ShopApiState;
  tokens: ShopTokens;
  bucket: LeakyBucket;
}

export function isShopifyPath(path: string): boolean {
  return path === "/admin/oauth/access_token" || /^\/admin\/api\/[^/]+\/graphql\.json$/.test(path);
}

export async function handleShopify(
  context: ShopifyApiContext,
  request: SimRequest,
): Promise<SimResponse> {
  if (request.method !== "POST") return json(405, { errors: "Method not allowed" });
  if (request.path === "/admin/oauth/access_token") return tokenResponse(context, request);
  const requested = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(request.path)?.[1] ?? "";
  const version = servedVersion(requested);
  if (!version) return json(404, { errors: "Not Found" });
  if (!context.tokens.valid(request.headers["x-shopify-access-token"])) {
    return json(401, {
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  }
  const headers = { "X-Shopify-API-Version": version };
  const body = request.body as { query?: unknown; variables?: unknown } | undefined;
  if (request.bodyInvalid || typeof body?.query !== "string") {
    return json(400, { errors: { query: "Required parameter missing or invalid" } }, headers);
  }
  const variables =
    body.variables && typeof body.variables === "object"
      ? (body.variables as Record<string, unknown>)
      : {};
  return json(200, await run(context, version, body.query, variables), headers);
}

function servedVersion(requested: string): string | null {
  if (!/^\d{4}-\d{2}$/.test(requested) && requested !== "unstable") return null;
  if (SIM_SHOPIFY_VERSIONS.includes(requested)) return requested;
  const oldest = SIM_SHOPIFY_VERSIONS[0] as string;
  return requested < oldest ? oldest : null;
}

function tokenResponse(context: ShopifyApiContext, request: SimRequest): SimResponse {
  const form = new URLSearchParams(typeof request.rawBody === "string" ? request.rawBody : "");
  const { clientId, clientSecret } = context.tokens.credentials;
  if (form.get("grant_type") !== "client_credentials") {
    return json(400, { error: "unsupported_grant_type" });
  }
  if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
    return json(401, {
      error: "invalid_client",
      error_description: "Client authentication failed",
    });
  }
  return json(200, context.tokens.issue());
}

async function run(
  context: ShopifyApiContext,
  version: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<unknown> {
  const schema = schemaFor(versionFamily(version));
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [{ message: (error as Error).message }] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map((error) => ({ message: error.message })) };
  const cost = requestedCost(document, variables);
  if (cost > MAX_SINGLE_QUERY_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
          extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_SINGLE_QUERY_COST },
        },
      ],
    };
  }
  if (!context.bucket.take(cost)) {
    return {
      errors: [
        {
          message: "Throttled",
          extensions: {
            code: "THROTTLED",
            documentation: "https://shopify.dev/api/usage/rate-limits",
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: cost,
          actualQueryCost: null,
          throttleStatus: context.bucket.status(),
        },
      },
    };
  }
  const mutation = document.definitions.some(
    (d) => d.kind === "OperationDefinition" && d.operation === "mutation",
  );
  const result = await execute({
    schema,
    document,
    rootValue: rootValue({ shop: context.shop, api: context.api, version, variables }),
    variableValues: variables,
  });
  const actual = Math.min(cost, actualCost(result.data, mutation));
  context.bucket.refund(cost - actual);
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.errors?.length
      ? {
          errors: result.errors.map((error) => ({
            message: error.message,
            path: error.path,
            extensions: error.extensions,
          })),
        }
      : {}),
    extensions: {
      cost: {
        requestedQueryCost: cost,
        actualQueryCost: actual,
        throttleStatus: context.bucket.status(),
      },
    },
  };
}
