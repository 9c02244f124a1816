// Where the simulated shop's webhooks arrive during bench:window: the bench runs no Next
// server, so a small HTTP server stands in for POST /api/webhooks/shopify/<code>. It does what
// that route does — the body read up to its bound, then lib/jobs/shopify-webhooks.ts's
// receiveShopifyWebhook (signature, shop domain, dedup, then a pg-boss job or inline
// processing) — but against the bench path's own database, which the route (reading the
// process's DATABASE_URL/PGLITE_DIR, parsed once) cannot be pointed at.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { DatabaseHandle } from "@/db/client";
import { BodyTooLargeError, readBoundedBody } from "@/lib/http/bounded-body";
import { receiveShopifyWebhook } from "@/lib/jobs/shopify-webhooks";
import { logger } from "@/lib/log";
import { MAX_WEBHOOK_BYTES } from "@/lib/marketplaces/shopify/webhook";

export interface WebhookReceiver {
  /** The endpoint of a marketplace code, as Shopify is told it. */
  urlFor(code: string): string;
  close(): Promise<void>;
}

const ROUTE = /^\/api\/webhooks\/shopify\/([^/?]+)$/;

/** `queueUrl`: the PostgreSQL whose pg-boss takes the jobs (the worker path). */
export async function startWebhookReceiver(
  handle: DatabaseHandle,
  queueUrl?: string,
): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    answer(req, handle, queueUrl).then(
      ({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      },
      (error: unknown) => {
        // As the route: a 5xx is retried by the shop, and nothing was stored.
        logger.error({ err: error }, "bench webhook receiving failed");
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "internal" }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (code) => `http://127.0.0.1:${port}/api/webhooks/shopify/${code}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function answer(
  req: IncomingMessage,
  handle: DatabaseHandle,
  queueUrl: string | undefined,
): Promise<{ status: number; body: unknown }> {
  const code = ROUTE.exec(req.url ?? "")?.[1];
  if (req.method !== "POST" || !code) return { status: 404, body: { error: "not found" } };
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  let body: Uint8Array;
  try {
    body = await readBoundedBody(
      new Request("http://bench.invalid/", {
        method: "POST",
        headers,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit),
      MAX_WEBHOOK_BYTES,
    );
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { status: 413, body: { error: "too large" } };
    throw error;
  }
  return receiveShopifyWebhook(decodeURIComponent(code), headers, body, { handle, queueUrl });
}
