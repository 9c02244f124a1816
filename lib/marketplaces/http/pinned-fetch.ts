// The connection itself goes only where the host policy allows. assertHostAllowed checks a name
// before each request, but fetch would resolve it again to connect: a name that answers a
// public address to the check and a metadata or internal one to the connection (DNS rebinding)
// would take the request and its token there. Here the socket's own lookup applies the policy
// to the addresses it is about to connect to, so what is checked is what is used.
import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import { ipFamily } from "./address-kind";
import { allowedAddresses, type HostPolicy } from "./address-policy";

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A net.connect `lookup` that resolves through the policy and refuses what it refuses. */
export function policyLookup(policy: HostPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    allowedAddresses(hostname, policy).then(
      (addresses) => {
        const entries = addresses
          .map((address) => ({ address, family: ipFamily(address) }))
          .filter((entry) => entry.family !== 0)
          .filter((entry) => !options.family || entry.family === options.family);
        const first = entries[0];
        if (!first) {
          callback(
            Object.assign(new Error(`${hostname}: no usable address`), { code: "ENOTFOUND" }),
            [],
          );
        } else if (options.all) callback(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

/** One connection pool per policy (the system resolver's two policies are shared). */
const sharedAgents = new Map<boolean, Agent>();

function agentFor(policy: HostPolicy): Agent {
  const create = () => new Agent({ connect: { lookup: policyLookup(policy) } });
  if (policy.lookup) return create();
  let agent = sharedAgents.get(policy.allowPrivate);
  if (!agent) {
    agent = create();
    sharedAgents.set(policy.allowPrivate, agent);
  }
  return agent;
}

/** fetch whose connections are checked against `policy` at connect time. */
export function pinnedFetch(policy: HostPolicy): typeof fetch {
  const dispatcher = agentFor(policy);
  const pinned = (input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    });
  return pinned as unknown as typeof fetch;
}
