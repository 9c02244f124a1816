// What a failed answer may say to a person: "HTTP <status>" and a recognised marketplace
// error's code and capped message, nothing else. The host may not be a marketplace at all
// (a metadata service, an internal admin page), so other bodies are never echoed: not in
// the message, not in the details that reach the browser.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogger } from "../testing/fast-clients";
import { describeErrorBody } from "./error-body";
import { MarketplaceHttpError } from "./errors";
import { HttpTransport } from "./transport";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

let server: Server | undefined;
afterEach(async () => {
  const current = server;
  server = undefined;
  current?.closeAllConnections();
  await new Promise((resolve) => current?.close(resolve) ?? resolve(undefined));
});

async function answering(status: number, body: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status);
    res.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failure(status: number, body: string): Promise<MarketplaceHttpError> {
  const client = new HttpTransport({
    throttle: { intervalMs: 1000, intervalCap: 1000 },
    retry: {
      retries: 0,
      minTimeoutMs: 1,
      maxTimeoutMs: 1,
      factor: 1,
      randomize: false,
      maxRetryAfterMs: 1,
    },
    timeoutMs: 2000,
    baseUrl: await answering(status, body),
    headers: {},
    logger: captureLogger().logger,
    throttleKey: `echo-${status}`,
    hostPolicy: { allowPrivate: true },
  });
  const error = await client.request({ method: "GET", path: "ws/orders" }).catch((e: unknown) => e);
  if (!(error instanceof MarketplaceHttpError)) throw new Error(`not an HTTP error: ${error}`);
  return error;
}

describe("marketplace error bodies", () => {
  it.each([
    ["plain text", 400, `AccessKeyId=ASIAEXAMPLE SecretAccessKey=${SECRET}`],
    [
      "unknown JSON (a metadata answer)",
      404,
      JSON.stringify({ Code: "Success", SecretAccessKey: SECRET, Token: SECRET }),
    ],
    ["a JSON message outside a marketplace shape", 500, JSON.stringify({ message: SECRET })],
    [
      "an error whose code is not a code",
      401,
      JSON.stringify({ error: { code: SECRET.repeat(3) } }),
    ],
  ])("never echoes %s", async (_label, status, body) => {
    const error = await failure(status, body);
    expect(error.message).toContain(`answered HTTP ${status}: `);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain("SecretAccessKey");
    expect(JSON.stringify(error.details)).not.toContain(SECRET);
    expect(error.details).toEqual({ httpStatus: status });
  });

  it("shows a recognised marketplace error's code and a capped message", async () => {
    const long = `Invalid token ${SECRET} ${"x ".repeat(2_000)}`;
    const error = await failure(401, JSON.stringify({ error: { code: "E401", message: long } }));
    expect(error.message).toMatch(
      /^GET \/ws\/orders answered HTTP 401: E401 Invalid token \[…\] x x/,
    );
    expect(error.message.length).toBeLessThan(260);
    expect(error.message).not.toContain(SECRET);
  });

  it("reads Back Market, its CDN and Refurbed's google.rpc.Status", () => {
    expect(describeErrorBody('{"error":{"code":"E009","message":"Validation error"}}')).toBe(
      "E009 Validation error",
    );
    expect(describeErrorBody('{"errors":[{"code":"bot-need-challenge"}]}')).toBe(
      "blocked by the CDN firewall (bot challenge)",
    );
    expect(describeErrorBody('{"code":16,"message":"UNAUTHENTICATED","details":[]}')).toBe(
      "UNAUTHENTICATED",
    );
    expect(describeErrorBody("<html><body>Access denied</body></html>")).toBe(
      "an HTML page (CDN or firewall)",
    );
    expect(describeErrorBody("")).toBe("(empty body)");
  });
});
