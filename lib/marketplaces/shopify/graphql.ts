// One GraphQL call to the Admin API at the pinned version: the token per request, the cost
// bucket waited on before it, THROTTLED answers (HTTP 200 without data, or a 429) waited out
// and sent again, any other `errors[]` a failure, a refused token renewed once.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { MarketplaceHttpError } from "../http/errors";
import { type HttpTransport, sleep } from "../http/transport";
import { parseEnvelope } from "../parse";
import type { AccessTokenSource } from "./access-token";
import { CostBucket } from "./cost-bucket";

const throttleStatusSchema = z.object({
  maximumAvailable: z.number().nonnegative(),
  currentlyAvailable: z.number(),
  restoreRate: z.number().nonnegative(),
});

const responseSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string().max(10_000).catch("(no message)"),
        extensions: z
          .object({ code: z.string().max(200).optional() })
          .loose()
          .nullish(),
      }),
    )
    .max(1_000)
    .optional(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          actualQueryCost: z.number().nullish(),
          throttleStatus: throttleStatusSchema.nullish(),
        })
        .nullish(),
    })
    .loose()
    .nullish(),
});

/** Times a THROTTLED call is sent again (each after the bucket's own wait). */
const MAX_THROTTLED_RETRIES = 10;
/** A first call's cost guess; later calls of the same operation reuse its requested cost. */
const DEFAULT_COST = 100;

export interface GraphqlOptions {
  transport: HttpTransport;
  apiVersion: string;
  token: AccessTokenSource;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class ShopifyGraphql {
  private readonly bucket: CostBucket;
  private readonly costs = new Map<string, number>();
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: GraphqlOptions) {
    this.bucket = new CostBucket(options.now);
    this.sleep = options.sleep ?? sleep;
  }

  get path(): string {
    return `admin/api/${this.options.apiVersion}/graphql.json`;
  }

  /** Runs `query` (named by `operation` in logs and errors); `data` checked against `schema`. */
  async request<S extends z.ZodType>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      await this.sleep(this.bucket.waitMs(this.costs.get(operation) ?? DEFAULT_COST), signal);
      let body: unknown;
      try {
        body = await this.options.transport.request({
          method: "POST",
          path: this.path,
          body: { query, variables },
          headers: async () => ({
            "X-Shopify-Access-Token": await this.options.token.token(signal),
          }),
          signal,
        });
      } catch (error) {
        if (this.mayRenew(error, renewed)) {
          renewed = true;
          this.options.token.invalidate();
          continue;
        }
        throw error;
      }
      const envelope = parseEnvelope(responseSchema, body, `Shopify ${operation}`);
      const cost = envelope.extensions?.cost;
      if (cost?.throttleStatus) this.bucket.update(cost.throttleStatus);
      if (cost?.requestedQueryCost) this.costs.set(operation, cost.requestedQueryCost);
      const errors = envelope.errors ?? [];
      if (errors.some((error) => error.extensions?.code === "THROTTLED")) {
        if (attempt >= MAX_THROTTLED_RETRIES) {
          throw new AppError(
            "rate_limited",
            `Shopify ${operation}: still throttled after ${MAX_THROTTLED_RETRIES} waits`,
          );
        }
        this.options.logger.warn({ operation, attempt }, "Shopify throttled the call; waiting");
        // Nothing known about the bucket: a second before asking again.
        if (!cost?.throttleStatus) await this.sleep(1_000, signal);
        continue;
      }
      if (errors.length > 0) {
        const first = errors[0];
        const code = first?.extensions?.code ? ` (${first.extensions.code.slice(0, 60)})` : "";
        throw new AppError(
          "unavailable",
          `Shopify ${operation} failed${code}: ${clip(first?.message ?? "error")}`,
        );
      }
      return parseEnvelope(schema, envelope.data, `Shopify ${operation}`);
    }
  }

  private mayRenew(error: unknown, renewed: boolean): boolean {
    return (
      !renewed &&
      this.options.token.refreshable &&
      error instanceof MarketplaceHttpError &&
      error.httpStatus === 401
    );
  }
}

function clip(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 299)}…`;
}
