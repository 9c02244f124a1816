import { describe, expect, it } from "vitest";
import { normalizeIp, resolveClientIp } from "./client-ip";
import { requestOrigins } from "./public-origin";

describe("resolveClientIp", () => {
  const peer = "::ffff:10.1.2.3";

  it("0 hops: the TCP peer, whatever X-Forwarded-For says", () => {
    for (const forwardedFor of [null, "1.1.1.1", "2.2.2.2, 3.3.3.3", "garbage"]) {
      expect(resolveClientIp({ forwardedFor, peer, hops: 0 })).toBe("10.1.2.3");
    }
    expect(resolveClientIp({ forwardedFor: "1.1.1.1", peer: null, hops: 0 })).toBeNull();
  });

  it("N hops: the N-th entry from the end, so entries a client prepends are ignored", () => {
    const forwardedFor = "6.6.6.6, 203.0.113.9, 10.0.0.2";
    expect(resolveClientIp({ forwardedFor, peer, hops: 1 })).toBe("10.0.0.2");
    expect(resolveClientIp({ forwardedFor, peer, hops: 2 })).toBe("203.0.113.9");
    // Fewer entries than hops: the first (written by our proxies), then the peer.
    expect(resolveClientIp({ forwardedFor: "203.0.113.9", peer, hops: 3 })).toBe("203.0.113.9");
    expect(resolveClientIp({ forwardedFor: null, peer, hops: 1 })).toBe("10.1.2.3");
  });

  it("normalizes mapped IPv4, ports and brackets, and refuses non-addresses", () => {
    expect(normalizeIp("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("192.0.2.1:4711")).toBe("192.0.2.1");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("evil.example")).toBeNull();
    expect(normalizeIp("")).toBeNull();
  });
});

describe("requestOrigins", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("0 hops: the Host the browser sent, forwarded headers ignored", () => {
    const request = headers({
      host: "stock.example.com",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(requestOrigins(request, 0)).toEqual([
      "http://stock.example.com",
      "https://stock.example.com",
    ]);
  });

  it("with proxies: the host and scheme the nearest proxy reports", () => {
    const request = headers({
      host: "10.0.0.5:3000",
      "x-forwarded-host": "evil.example, stock.example.com",
      "x-forwarded-proto": "https",
    });
    expect(requestOrigins(request, 1)).toEqual(["https://stock.example.com"]);
    expect(requestOrigins(headers({ host: "10.0.0.5:3000" }), 1)).toEqual(["http://10.0.0.5:3000"]);
  });

  it("trusts nothing for a malformed host", () => {
    expect(requestOrigins(headers({ host: "a b/c" }), 0)).toEqual([]);
    expect(requestOrigins(headers({}), 0)).toEqual([]);
  });
});
