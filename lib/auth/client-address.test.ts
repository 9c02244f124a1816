// The client address sign-in counts and audits, through a real HTTP server: the socket-level
// peer stamp (lib/http/peer-address.ts) and the auth route's handler (route-handler.ts).
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { createAuth } from "./auth";
import { authRouteHandler } from "./route-handler";
import { ATTEMPTS_PER_IP_PER_MINUTE } from "./sign-in-guard";
import { testAuthSettings } from "./testing";

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(`${origin}${message.url}`, {
    method: message.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
}

describe("client address of a sign-in (0 trusted proxy hops)", () => {
  const database = useTestDatabase();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    installPeerAddressStamp();
    const handle = authRouteHandler(createAuth(database.current.db, testAuthSettings), 0);
    server = createServer(async (message, response) => {
      const answer = await handle(await toRequest(message, "http://localhost:3000"));
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(await answer.text());
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it("ignores a rotating X-Forwarded-For: one bucket, the socket address audited", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= ATTEMPTS_PER_IP_PER_MINUTE; i++) {
      const response = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          "x-forwarded-for": `198.18.0.${i + 1}`,
          "x-stocklock-client-ip": `198.19.0.${i + 1}`,
          [PEER_ADDRESS_HEADER]: `198.20.0.${i + 1}`,
        },
        body: JSON.stringify({ email: `nobody${i}@shop.test`, password: "not the password" }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const rows = await database.current.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sign_in_failed"));
    expect(rows).toHaveLength(ATTEMPTS_PER_IP_PER_MINUTE);
    expect(new Set(rows.map((row) => row.ip))).toEqual(new Set(["127.0.0.1"]));
  });
});
