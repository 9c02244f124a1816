// POST /api/webhooks/shopify/<marketplace code>: Shopify's deliveries. No session guards this
// path; the signature does (lib/jobs/shopify-webhooks.ts checks it over the raw bytes before
// anything is parsed). The body is read up to a bound (413 past it) and answered fast.
import { BodyTooLargeError, readBoundedBody } from "@/lib/http/bounded-body";
import { receiveShopifyWebhook } from "@/lib/jobs/shopify-webhooks";
import { logger } from "@/lib/log";
import { MAX_WEBHOOK_BYTES } from "@/lib/marketplaces/shopify/webhook";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function POST(
  request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const { code } = await params;
  let body: Uint8Array;
  try {
    body = await readBoundedBody(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return Response.json({ error: "payload too large" }, { status: 413, headers: NO_STORE });
    }
    throw error;
  }
  try {
    const answer = await receiveShopifyWebhook(code, request.headers, body);
    return Response.json(answer.body, { status: answer.status, headers: NO_STORE });
  } catch (error) {
    // Shopify retries a 5xx: the delivery was not stored, so nothing is lost.
    logger.error({ err: error, code }, "webhook: receiving failed");
    return Response.json({ error: "internal" }, { status: 500, headers: NO_STORE });
  }
}
