// Faults injected on demand: error statuses (429 bursts without Retry-After, 500s), slow
// responses, orders repeated across pages, paging that never ends (Back Market `next` links
// forever, a Refurbed cursor cycle) and 200 answers cut short. Malformed payloads, huge
// quantities and over-long strings are properties of an order (see NewOrderSpec).
import { z } from "zod";

export const faultMatchSchema = z.object({
  channel: z.enum(["backmarket", "refurbed"]).optional(),
  method: z.enum(["GET", "POST"]).optional(),
  /** Matches when the request path starts with this. */
  pathPrefix: z.string().optional(),
  /** Query parameters that must be present with these values (Back Market pages: { page: "2" }). */
  query: z.record(z.string(), z.string()).optional(),
});

export const faultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("status"),
    status: z.number().int().min(400).max(599),
    /** `html` mimics the CDN's page; `json` the marketplace's own error body. */
    body: z.enum(["html", "json"]).default("json"),
    headers: z.record(z.string(), z.string()).default({}),
    /** Let this many matching requests through first (e.g. fail from the second page on). */
    skip: z.number().int().nonnegative().default(0),
    /** How many matching requests fail. */
    count: z.number().int().positive().default(1),
    match: faultMatchSchema.default({}),
  }),
  z.object({
    kind: z.literal("delay"),
    ms: z.number().int().positive(),
    skip: z.number().int().nonnegative().default(0),
    count: z.number().int().positive().default(1),
    match: faultMatchSchema.default({}),
  }),
  z.object({
    /** Each page after the first starts with the last order of the page before. */
    kind: z.literal("repeat-across-pages"),
    match: faultMatchSchema.default({}),
    count: z.number().int().positive().default(1_000_000),
    skip: z.number().int().nonnegative().default(0),
  }),
  z.object({
    /**
     * Back Market lists: every page links a next one (each link distinct); past the last page
     * the last page's orders come again. Refurbed lists: a cursor at or past the end of the
     * second page is answered with the first page again and `has_more` (a cycle of two pages).
     */
    kind: z.literal("endless-paging"),
    match: faultMatchSchema.default({}),
    count: z.number().int().positive().default(1_000_000),
    skip: z.number().int().nonnegative().default(0),
  }),
  z.object({
    /** A 200 whose JSON body stops halfway (a proxy cutting the response short). */
    kind: z.literal("truncated"),
    match: faultMatchSchema.default({}),
    count: z.number().int().positive().default(1),
    skip: z.number().int().nonnegative().default(0),
  }),
]);

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;

export interface RequestInfo {
  channel: "backmarket" | "refurbed";
  method: string;
  path: string;
  query: URLSearchParams;
}

interface ActiveFault {
  id: number;
  fault: Fault;
  seen: number;
  fired: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(input: FaultInput): number {
    const fault = faultSchema.parse(input);
    const id = this.nextId++;
    this.faults.push({ id, fault, seen: 0, fired: 0 });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults that fire for this request (each counts the request once). */
  take(request: RequestInfo): Fault[] {
    const firing: Fault[] = [];
    for (const active of this.faults) {
      if (!matches(active.fault.match, request)) continue;
      active.seen++;
      if (active.seen <= active.fault.skip || active.fired >= active.fault.count) continue;
      active.fired++;
      firing.push(active.fault);
    }
    this.faults = this.faults.filter((active) => active.fired < active.fault.count);
    return firing;
  }
}

function matches(match: Fault["match"], request: RequestInfo): boolean {
  if (match.channel && match.channel !== request.channel) return false;
  if (match.method && match.method !== request.method) return false;
  if (match.pathPrefix && !request.path.startsWith(match.pathPrefix)) return false;
  for (const [key, value] of Object.entries(match.query ?? {})) {
    if (request.query.get(key) !== value) return false;
  }
  return true;
}
