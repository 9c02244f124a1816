// Where a Shopify request's access token comes from: a static Admin API token (legacy custom
// apps, `shpat_…`), or the client-credentials grant of a Dev Dashboard app, whose tokens last
// about a day and are re-requested before they expire (or at once when Shopify refuses one).
import { z } from "zod";
import type { HttpTransport } from "../http/transport";
import { parseEnvelope } from "../parse";

export interface AccessTokenSource {
  token(signal?: AbortSignal): Promise<string>;
  /** Shopify answered 401 with the current token: the next call gets a fresh one. */
  invalidate(): void;
  /** Whether `invalidate` can help (a static token cannot be refreshed). */
  readonly refreshable: boolean;
}

export class StaticAccessToken implements AccessTokenSource {
  readonly refreshable = false;
  constructor(private readonly value: string) {}
  async token(): Promise<string> {
    return this.value;
  }
  invalidate(): void {}
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(4096),
  scope: z.string().max(4096).nullish(),
  expires_in: z
    .number()
    .int()
    .positive()
    .max(31 * 86_400)
    .nullish(),
});

/** When Shopify does not say how long a token lasts: assume an hour (they last ~24 h). */
const DEFAULT_LIFETIME_S = 3_600;
/** A token is renewed this long before it expires (or at half its life if that is shorter). */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class ClientCredentialsToken implements AccessTokenSource {
  readonly refreshable = true;
  private current: { value: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly transport: HttpTransport,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async token(signal?: AbortSignal): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.value;
    // One request for every caller waiting on a renewal.
    this.pending ??= this.request(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(): void {
    this.current = null;
  }

  private async request(signal?: AbortSignal): Promise<string> {
    const requestedAt = this.now();
    const body = await this.transport.request({
      method: "POST",
      path: "admin/oauth/access_token",
      form: {
        grant_type: "client_credentials",
        client_id: this.clientId,
        client_secret: this.clientSecret,
      },
      signal,
    });
    const parsed = parseEnvelope(tokenResponseSchema, body, "POST /admin/oauth/access_token");
    const lifetimeMs = (parsed.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.current = { value: parsed.access_token, renewAt: requestedAt + lifetimeMs - margin };
    return parsed.access_token;
  }
}
