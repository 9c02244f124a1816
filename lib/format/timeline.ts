// An order's history in sentences (the order page's timeline): domain events, stock
// movements of its lines and staff actions on it. Each entry keeps its raw record for the
// disclosure beside the sentence. A payload this code does not know (an older or newer event
// shape, an unknown type) still reads as something, never throws.
import { z } from "zod";

export type TimelineEntry =
  | { key: string; at: Date; kind: "event"; type: string; payload: unknown }
  | {
      key: string;
      at: Date;
      kind: "movement";
      reason: string;
      itemExternalId: string | null;
      sku: string | null;
      lockedDelta: number;
      onHandDelta: number;
      actor: string | null;
      note: string | null;
    }
  | {
      key: string;
      at: Date;
      kind: "audit";
      action: string;
      actor: string | null;
      outcome: string;
      result: unknown;
    };

const units = (n: number) => `${n} ${Math.abs(n) === 1 ? "unit" : "units"}`;
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

const item = z.object({
  externalId: z.string(),
  sku: z.string(),
  variationId: z.number().nullable(),
  quantity: z.number(),
  status: z.string(),
});
type Item = z.infer<typeof item>;

const eventSchemas = {
  // `items` as a count: the shape of older (and seeded) events, which kept no line details.
  OrderCreated: z.object({ status: z.string(), items: z.union([z.array(item), z.number().int()]) }),
  OrderStatusChanged: z.object({ from: z.string(), to: z.string() }),
  OrderItemsChanged: z.object({
    changes: z.array(
      z.object({
        item,
        from: z.string().nullable(),
        mapped: z.boolean().optional(),
        quantityFrom: z.number().optional(),
        vanished: z.boolean().optional(),
      }),
    ),
  }),
  OrderItemsMapped: z.object({
    sku: z.string(),
    variationId: z.number(),
    orderItemIds: z.array(z.number()),
  }),
};

function unmappedNote(items: Item[]): string {
  const unmapped = items.filter((i) => i.variationId === null);
  if (unmapped.length === 0) return "";
  const skus = [...new Set(unmapped.map((i) => i.sku))].join(", ");
  return `; ${unmapped.length === 1 ? "1 line" : `${unmapped.length} lines`} unmapped (${skus}): no lock until the SKU is mapped`;
}

function changeSentence(change: z.infer<typeof eventSchemas.OrderItemsChanged>["changes"][number]) {
  const { item: line } = change;
  const head = `Line ${line.externalId}`;
  if (change.from === null) {
    return `${head} appeared: ${units(line.quantity)} of ${line.sku}, ${line.status}`;
  }
  if (change.vanished === true) {
    return `${head} vanished from the marketplace order: its lock is kept and flagged for staff`;
  }
  if (change.vanished === false) return `${head} is back in the marketplace order`;
  const parts: string[] = [];
  if (change.from !== line.status) parts.push(`status ${change.from} → ${line.status}`);
  if (change.quantityFrom !== undefined && change.quantityFrom !== line.quantity) {
    parts.push(`quantity ${change.quantityFrom} → ${line.quantity}`);
  }
  if (change.mapped) parts.push(`SKU ${line.sku} mapped to a variation`);
  return `${head}: ${parts.length > 0 ? parts.join(", ") : "updated"}`;
}

function eventSentence(type: string, payload: unknown): string {
  switch (type) {
    case "OrderCreated": {
      const p = eventSchemas.OrderCreated.safeParse(payload);
      if (!p.success) break;
      const { items, status } = p.data;
      const count = typeof items === "number" ? items : items.length;
      const lines = count === 1 ? "1 line" : `${count} lines`;
      if (typeof items === "number") return `Order received, status ${status}: ${lines}`;
      const total = items.reduce((sum, i) => sum + i.quantity, 0);
      return `Order received, status ${status}: ${lines}, ${units(total)}${unmappedNote(items)}`;
    }
    case "OrderStatusChanged": {
      const p = eventSchemas.OrderStatusChanged.safeParse(payload);
      if (!p.success) break;
      return `Status ${p.data.from} → ${p.data.to}`;
    }
    case "OrderItemsChanged": {
      const p = eventSchemas.OrderItemsChanged.safeParse(payload);
      if (!p.success || p.data.changes.length === 0) break;
      return p.data.changes.map(changeSentence).join("; ");
    }
    case "OrderItemsMapped": {
      const p = eventSchemas.OrderItemsMapped.safeParse(payload);
      if (!p.success) break;
      const n = p.data.orderItemIds.length;
      return `SKU ${p.data.sku} mapped to variation ${p.data.variationId}: ${n === 1 ? "1 line" : `${n} lines`} can now be locked`;
    }
  }
  return `Event ${type || "(no type)"}`;
}

function movementSentence(m: Extract<TimelineEntry, { kind: "movement" }>): string {
  const line = m.itemExternalId ? `Line ${m.itemExternalId}: ` : "";
  const sku = m.sku ? ` (${m.sku})` : "";
  const by = m.actor ? ` by ${m.actor}` : "";
  const resized = m.note ? /^line quantity (\d+) → (\d+)/.exec(m.note) : null;
  switch (m.reason) {
    case "lock":
      if (resized) {
        return `${line}quantity changed on the marketplace, lock ${resized[1]} → ${resized[2]} ${Number(resized[2]) === 1 ? "unit" : "units"}${sku}`;
      }
      return `${line}${units(m.lockedDelta)} locked${sku}`;
    case "consume": {
      const left = m.onHandDelta === 0 ? "" : `, on hand ${signed(m.onHandDelta)}`;
      if (m.note?.startsWith("shipped after its lock was released")) {
        return `${line}shipped after its lock was released: flagged for staff${left}${sku}`;
      }
      return `${line}${units(-m.lockedDelta || -m.onHandDelta)} consumed (shipped)${left}${sku}`;
    }
    case "release":
      return `${line}${units(-m.lockedDelta)} released${by}${m.note ? `: ${m.note}` : ""}${sku}`;
    case "manual":
      return `${line}on hand ${signed(m.onHandDelta)} set${by}${m.note ? `: ${m.note}` : ""}${sku}`;
    case "reconcile":
      return `${line}stock repaired: ${deltas(m)}${m.note ? ` (${m.note})` : ""}${sku}`;
  }
  return `${line}stock movement "${m.reason}": ${deltas(m)}${sku}`;
}

function deltas(m: { lockedDelta: number; onHandDelta: number }): string {
  const parts = [];
  if (m.lockedDelta !== 0) parts.push(`locked ${signed(m.lockedDelta)}`);
  if (m.onHandDelta !== 0) parts.push(`on hand ${signed(m.onHandDelta)}`);
  return parts.length > 0 ? parts.join(", ") : "no change";
}

function auditSentence(a: Extract<TimelineEntry, { kind: "audit" }>): string {
  const by = a.actor ? ` by ${a.actor}` : "";
  if (a.action === "order.resynced") {
    return a.outcome === "succeeded"
      ? `Resynced from the marketplace${by}`
      : `Resync from the marketplace ${a.outcome}${by}`;
  }
  return `${a.action} ${a.outcome}${by}`;
}

/** One sentence a person reads for a timeline entry. */
export function timelineSentence(entry: TimelineEntry): string {
  switch (entry.kind) {
    case "event":
      return eventSentence(entry.type, entry.payload);
    case "movement":
      return movementSentence(entry);
    case "audit":
      return auditSentence(entry);
  }
}

/** The stored record behind a sentence, for the disclosure. */
export function timelineRaw(entry: TimelineEntry): string {
  const { key: _key, at: _at, ...raw } = entry;
  return JSON.stringify(raw, null, 2);
}
