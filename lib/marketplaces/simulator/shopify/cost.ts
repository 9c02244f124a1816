// Shopify's cost-based rate limit, simulated (NOTES (f)): a query's requested cost from its
// selection (objects 1, scalars 0, connections × `first`, mutations 10), reserved up front
// from a leaky bucket; the difference to the actual cost (what was really returned) refunded.
import { type DocumentNode, Kind, type SelectionSetNode } from "graphql";

export interface BucketOptions {
  maximumAvailable: number;
  restoreRate: number;
}

export const standardPlanBucket: BucketOptions = { maximumAvailable: 2_000, restoreRate: 100 };
/** Shopify refuses a single query above this requested cost. */
export const MAX_SINGLE_QUERY_COST = 1_000;

export class LeakyBucket {
  private available: number;
  private at: number;

  constructor(
    private options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.available = options.maximumAvailable;
    this.at = now();
  }

  configure(options: Partial<BucketOptions> & { currentlyAvailable?: number }): void {
    this.options = { ...this.options, ...options };
    this.available = Math.min(
      options.currentlyAvailable ?? this.current(),
      this.options.maximumAvailable,
    );
    this.at = this.now();
  }

  private current(): number {
    const restored = ((this.now() - this.at) / 1000) * this.options.restoreRate;
    return Math.min(this.options.maximumAvailable, this.available + restored);
  }

  /** Takes `cost` points if the bucket holds them. */
  take(cost: number): boolean {
    const available = this.current();
    this.at = this.now();
    this.available = available;
    if (available < cost) return false;
    this.available = available - cost;
    return true;
  }

  refund(points: number): void {
    this.available = Math.min(this.options.maximumAvailable, this.current() + points);
    this.at = this.now();
  }

  status() {
    return {
      maximumAvailable: this.options.maximumAvailable,
      currentlyAvailable: Math.floor(this.current()),
      restoreRate: this.options.restoreRate,
    };
  }
}

/** The worst-case cost of the operation's selection. */
export function requestedCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, SelectionSetNode>();
  let operation: { kind: string; selectionSet: SelectionSetNode } | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition.selectionSet);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operation ??= { kind: definition.operation, selectionSet: definition.selectionSet };
    }
  }
  if (!operation) return 0;
  const base = operation.kind === "mutation" ? 10 : 0;
  return base + selectionCost(operation.selectionSet, fragments, variables);
}

function selectionCost(
  set: SelectionSetNode,
  fragments: Map<string, SelectionSetNode>,
  variables: Record<string, unknown>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) cost += selectionCost(fragment, fragments, variables);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, fragments, variables);
      continue;
    }
    if (!selection.selectionSet) continue; // scalars and enums cost nothing
    const children = selectionCost(selection.selectionSet, fragments, variables);
    const first = selection.arguments?.find((arg) => arg.name.value === "first");
    if (!first) {
      cost += 1 + children;
      continue;
    }
    const count =
      first.value.kind === Kind.INT
        ? Number(first.value.value)
        : first.value.kind === Kind.VARIABLE
          ? Number(variables[first.value.name.value] ?? 0)
          : 0;
    // A connection: itself and its page info, plus `first` times what each node selects.
    cost += 2 + Math.max(0, count) * Math.max(1, children - 1);
  }
  return cost;
}

/** The cost of what was returned: one point per object in the answer (at least 1). */
export function actualCost(data: unknown, mutation: boolean): number {
  let objects = 0;
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value && typeof value === "object") {
      objects++;
      for (const child of Object.values(value)) walk(child);
    }
  };
  walk(data);
  return Math.max(1, objects - 1) + (mutation ? 10 : 0);
}
