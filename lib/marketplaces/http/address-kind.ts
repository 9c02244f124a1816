// What kind of address a marketplace host is: pure (no DNS, no node:*), so the dashboard form
// and the zod schemas can use it; address-policy.ts applies it to resolved addresses.

export type AddressKind = "public" | "private" | "loopback" | "link_local" | "reserved";

/** Cloud metadata services by name (they answer on link-local addresses). */
const metadataNames = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

function v4Kind(a: number, b: number, c: number, d: number): AddressKind {
  if (a === 169 && b === 254) return "link_local";
  if (a === 100 && b === 100 && c === 100 && d === 200) return "link_local"; // Alibaba metadata
  if (a === 127 || a === 0) return "loopback"; // 0.0.0.0 reaches this host
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private"; // carrier-grade NAT
  if (a >= 224) return "reserved"; // multicast, 240/4, broadcast
  return "public";
}

function v4Bytes(text: string): number[] {
  return text.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (zone index dropped, embedded IPv4 read). */
function v6Bytes(text: string): number[] {
  let address = text.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Bytes(dotted[1]);
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const hextets = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return hextets.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function v6Kind(bytes: number[]): AddressKind {
  const [b0 = 0, b1 = 0] = bytes;
  const zeroTo = (end: number) => bytes.slice(0, end).every((byte) => byte === 0);
  const v4 = (from: number) =>
    v4Kind(...(bytes.slice(from, from + 4) as [number, number, number, number]));
  if (zeroTo(16)) return "loopback"; // ::
  if (zeroTo(15) && bytes[15] === 1) return "loopback"; // ::1
  if (zeroTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zeroTo(12)) return v4(12); // ::a.b.c.d (deprecated IPv4-compatible)
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hex.startsWith("0064ff9b0000000000000000")) return v4(12); // NAT64 64:ff9b::/96
  if (b0 === 0x20 && b1 === 0x02) return v4(2); // 6to4 2002::/16
  if (b0 === 0xfe && (b1 & 0xc0) === 0x80) return "link_local"; // fe80::/10
  if (hex === "fd000ec2000000000000000000000254") return "link_local"; // AWS metadata
  if ((b0 & 0xfe) === 0xfc) return "private"; // fc00::/7
  if (b0 === 0xff) return "reserved"; // multicast
  return "public";
}

/** 4, 6 or 0 (not an IP literal; hostnames reach here already normalised by URL). */
export function ipFamily(text: string): 4 | 6 | 0 {
  const bare = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) {
    return bare.split(".").every((part) => Number(part) <= 255) ? 4 : 0;
  }
  return /^[0-9a-f:.]+$/i.test(bare) && bare.includes(":") ? 6 : 0;
}

/** The kind of an IP address literal (IPv4 or IPv6, brackets allowed). */
export function classifyAddress(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = ipFamily(bare);
  if (family === 4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Bytes(bare);
    return v4Kind(a, b, c, d);
  }
  if (family === 6) return v6Kind(v6Bytes(bare));
  throw new Error(`not an IP address: ${address}`);
}

/** The kind a hostname has without DNS (an IP literal or a known name), or null. */
export function literalHostKind(hostname: string): AddressKind | null {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (ipFamily(host) !== 0) return classifyAddress(host);
  if (metadataNames.has(host)) return "link_local";
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  return null;
}

export function refusal(kind: AddressKind, allowPrivate: boolean): string | null {
  if (kind === "link_local") return "a link-local or cloud-metadata address";
  if (kind === "reserved") return "a multicast or reserved address";
  if (allowPrivate || kind === "public") return null;
  return `a ${kind === "loopback" ? "loopback" : "private-network"} address (allowed only with MARKETPLACE_ALLOW_PRIVATE_HOSTS=1)`;
}

/** Why a base URL is refused whatever the install allows (for form validation), or null. */
export function alwaysRefusedHost(url: string): string | null {
  const kind = literalHostKind(new URL(url).hostname);
  return kind === null ? null : refusal(kind, true);
}
