// Where marketplace calls may go: link-local and metadata hosts never (as literals or once a
// name resolves to one), loopback and private networks only when the install allows them, no
// redirect followed. A refused host gets no request at all (a recording server proves it).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogger } from "../testing/fast-clients";
import { classifyAddress, literalHostKind } from "./address-kind";
import { type HostPolicy, MarketplaceAddressError } from "./address-policy";
import { HttpTransport } from "./transport";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 that records every request and answers `status` with `headers`. */
async function recorder(status = 200, headers: Record<string, string> = {}) {
  const seen: { url: string; auth: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization });
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end("{}");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

function transport(baseUrl: string, hostPolicy: HostPolicy, fetchImpl?: typeof fetch, retries = 1) {
  return new HttpTransport({
    throttle: { intervalMs: 1000, intervalCap: 1000 },
    retry: {
      retries,
      minTimeoutMs: 1,
      maxTimeoutMs: 2,
      factor: 2,
      randomize: false,
      maxRetryAfterMs: 10,
    },
    timeoutMs: 2000,
    baseUrl,
    headers: { Authorization: "Basic s3cret" },
    logger: captureLogger().logger,
    throttleKey: `policy-${baseUrl}`,
    hostPolicy,
    fetch: fetchImpl,
  });
}

const get = (client: HttpTransport) =>
  client.request({ method: "GET", path: "ws/orders" }).catch((error: unknown) => error);

describe("classifyAddress", () => {
  it.each([
    ["169.254.169.254", "link_local"],
    ["169.254.0.1", "link_local"],
    ["100.100.100.200", "link_local"],
    ["fe80::1", "link_local"],
    ["febf::1", "link_local"],
    ["fd00:ec2::254", "link_local"],
    ["::ffff:169.254.169.254", "link_local"],
    ["::ffff:a9fe:a9fe", "link_local"],
    ["64:ff9b::a9fe:a9fe", "link_local"],
    ["127.0.0.1", "loopback"],
    ["0.0.0.0", "loopback"],
    ["::1", "loopback"],
    ["::", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["224.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["ff02::1", "reserved"],
    ["172.32.0.1", "public"],
    ["8.8.8.8", "public"],
    ["2001:4860:4860::8888", "public"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it("knows metadata names and localhost without DNS, and leaves other names to DNS", () => {
    expect(literalHostKind("metadata.google.internal")).toBe("link_local");
    expect(literalHostKind("metadata.google.internal.")).toBe("link_local");
    expect(literalHostKind("[fd00:ec2::254]")).toBe("link_local");
    expect(literalHostKind("localhost")).toBe("loopback");
    expect(literalHostKind("www.backmarket.fr")).toBeNull();
  });
});

describe("HttpTransport host policy", () => {
  it("never calls a link-local or metadata literal, even where private hosts are allowed", async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    for (const base of [
      "http://169.254.169.254/latest/meta-data",
      "http://[fe80::1]:8080",
      "http://[fd00:ec2::254]",
      "http://[::ffff:169.254.169.254]",
      "http://metadata.google.internal/computeMetadata/v1",
    ]) {
      const error = await get(transport(base, { allowPrivate: true }, fetchSpy));
      expect(error, base).toBeInstanceOf(MarketplaceAddressError);
      expect((error as Error).message).toMatch(/link-local or cloud-metadata/);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses a name that resolves to a link-local address at request time", async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    for (const resolved of [["169.254.169.254"], ["fe80::1"], ["93.184.215.14", "fd00:ec2::254"]]) {
      const lookup = vi.fn(async () => resolved);
      const client = transport(
        "https://api.marketplace.example",
        {
          allowPrivate: true,
          lookup,
        },
        fetchSpy,
      );
      const error = await get(client);
      expect(error).toBeInstanceOf(MarketplaceAddressError);
      expect((error as Error).message).toContain("api.marketplace.example resolves to");
      expect(lookup).toHaveBeenCalledWith("api.marketplace.example");
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("checks the name again on every request (it may resolve elsewhere later)", async () => {
    const { port, seen } = await recorder();
    const answers = [["127.0.0.1"], ["169.254.169.254"]];
    const lookup = vi.fn(async () => answers.shift() ?? []);
    // The recorder stands in for the host; the injected lookup says where the name points.
    const client = transport(
      `http://rebind.example:${port}`,
      { allowPrivate: true, lookup },
      (input, init) => fetch(String(input).replace("rebind.example", "127.0.0.1"), init),
    );
    expect(await get(client)).toEqual({});
    expect(await get(client)).toBeInstanceOf(MarketplaceAddressError);
    expect(seen).toHaveLength(1);
  });

  it("refuses loopback and private hosts unless the install allows them", async () => {
    const { port, seen } = await recorder();
    for (const base of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const error = await get(transport(base, { allowPrivate: false }));
      expect(error, base).toBeInstanceOf(MarketplaceAddressError);
      expect((error as Error).message).toMatch(/MARKETPLACE_ALLOW_PRIVATE_HOSTS=1/);
    }
    const privateName = transport("https://erp.corp.example", {
      allowPrivate: false,
      lookup: async () => ["10.0.0.7"],
    });
    expect(await get(privateName)).toBeInstanceOf(MarketplaceAddressError);
    expect(seen).toEqual([]);

    expect(await get(transport(`http://localhost:${port}`, { allowPrivate: true }))).toEqual({});
    expect(seen).toHaveLength(1);
  });

  it("checks the address it connects to: a name that turns internal after the check (DNS rebinding) gets nothing", async () => {
    const { port, seen } = await recorder();
    // The check sees a public address, the connection's own lookup this host. One attempt, so
    // only a check made when connecting can see the second answer.
    const answers = [["93.184.215.14"], ["127.0.0.1"]];
    const lookup = vi.fn(async () => answers.shift() ?? ["93.184.215.14"]);
    const client = transport(
      `http://rebind.example:${port}`,
      { allowPrivate: false, lookup },
      undefined,
      0,
    );
    const error = await get(client);
    expect(error).toBeInstanceOf(MarketplaceAddressError);
    expect((error as Error).message).toMatch(/rebind\.example resolves to 127\.0\.0\.1/);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([]);
  });

  it("does not follow a redirect (the token would go where the redirect says)", async () => {
    const target = await recorder();
    const { port, seen } = await recorder(302, {
      location: `http://127.0.0.1:${target.port}/latest/meta-data`,
    });
    const error = await get(transport(`http://127.0.0.1:${port}`, { allowPrivate: true }));
    expect(error).toBeInstanceOf(Error);
    expect(seen.length).toBeGreaterThan(0);
    expect(target.seen).toEqual([]);
  });
});
