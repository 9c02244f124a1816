// Where marketplace calls may go. A base URL is typed by an admin and every call carries a
// token, so the host is checked before each request, on the address it resolves to then (a
// hostname that points at 169.254.169.254 is refused like the literal): link-local and cloud
// metadata addresses never; loopback and private networks only where the install allows them
// (MARKETPLACE_ALLOW_PRIVATE_HOSTS, on for the demo's simulator on 127.0.0.1).
import { lookup as dnsLookup } from "node:dns/promises";
import { AppError } from "@/lib/errors";
import { classifyAddress, ipFamily, literalHostKind, refusal } from "./address-kind";
import { MarketplaceHttpError } from "./errors";

/** Resolves a hostname to every address it has (A and AAAA). */
export type LookupAll = (hostname: string) => Promise<string[]>;

export interface HostPolicy {
  /** Loopback and private networks allowed (never link-local or metadata). */
  allowPrivate: boolean;
  /** DNS resolution (tests inject one); default: the system resolver. */
  lookup?: LookupAll;
}

/** A host refused by the policy: not retried, nothing sent. */
export class MarketplaceAddressError extends AppError {
  override name = "MarketplaceAddressError";
  constructor(message: string) {
    super("bad_request", message);
  }
}

const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Throws MarketplaceAddressError unless every address `url`'s host has now is allowed. */
export async function assertHostAllowed(url: URL, policy: HostPolicy): Promise<void> {
  const host = url.hostname;
  const literal = literalHostKind(host);
  if (literal !== null) {
    const why = refusal(literal, policy.allowPrivate);
    if (why)
      throw new MarketplaceAddressError(`${host} is ${why}: marketplace calls do not go there`);
    if (ipFamily(host) !== 0) return;
  }
  await allowedAddresses(host, policy);
}

/**
 * Every address `host` resolves to now, each allowed by the policy; else
 * MarketplaceAddressError (a refused address) or MarketplaceHttpError (the lookup failed).
 */
export async function allowedAddresses(host: string, policy: HostPolicy): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await (policy.lookup ?? systemLookup)(host);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MarketplaceHttpError(`${host}: name lookup failed (${reason})`, null);
  }
  for (const address of addresses) {
    const why = refusal(classifyAddress(address), policy.allowPrivate);
    if (why) {
      throw new MarketplaceAddressError(
        `${host} resolves to ${address}, ${why}: marketplace calls do not go there`,
      );
    }
  }
  return addresses;
}
