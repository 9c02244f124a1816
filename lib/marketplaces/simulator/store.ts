// The simulator's in-memory state: orders per channel, listings/offers, care folders, and every
// write it received.
import { type CatalogueEntry, demoCatalogue } from "./catalogue";
import { ListingCache } from "./listing-cache";
import type { Random } from "./random";
import type {
  Channel,
  Malformation,
  RecordedWrite,
  RfReturnState,
  SimCareFolder,
  SimCustomer,
  SimLine,
  SimLineState,
  SimListing,
  SimOrder,
  SimReturnLabel,
  SimRfReturn,
} from "./types";

export interface NewLineSpec {
  sku: string;
  quantity?: number;
  state?: SimLineState;
  unitPrice?: string;
  name?: string;
}

export interface NewOrderSpec {
  channel: Channel;
  lines: NewLineSpec[];
  customer?: Partial<SimCustomer>;
  createdAt?: Date;
  malformed?: Malformation | null;
  market?: string;
  /** Marketplaces decrement their listed quantity when an order arrives (default true). */
  decrementListing?: boolean;
}

const customers: SimCustomer[] = [
  {
    firstName: "Camille",
    lastName: "Martin",
    street: "12 rue de la Paix",
    postalCode: "75002",
    city: "Paris",
    country: "FR",
    phone: "+33612345678",
    email: "camille.martin@example.fr",
  },
  {
    firstName: "Lukas",
    lastName: "Schneider",
    street: "Hauptstraße 5",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
    phone: "+4915112345678",
    email: "lukas.schneider@example.de",
  },
  {
    firstName: "Giulia",
    lastName: "Rossi",
    street: "Via Roma 21",
    postalCode: "00184",
    city: "Roma",
    country: "IT",
    phone: "+393331234567",
    email: "giulia.rossi@example.it",
  },
  {
    firstName: "Anna",
    lastName: "Gruber",
    street: "Mariahilfer Straße 88",
    postalCode: "1070",
    city: "Wien",
    country: "AT",
    phone: "+436641234567",
    email: "anna.gruber@example.at",
  },
  {
    firstName: "Lucía",
    lastName: "García",
    street: "Calle Mayor 3",
    postalCode: "28013",
    city: "Madrid",
    country: "ES",
    phone: "+34612345678",
    email: "lucia.garcia@example.es",
  },
];

/** Lines in these states are settled: nothing happens to them any more (except shipped → returned). */
export const finalLineStates: readonly SimLineState[] = [
  "cancelled",
  "rejected",
  "refunded",
  "returned",
  "not_paid",
];

export class SimulatorStore {
  readonly orders: Record<Channel, Map<number, SimOrder>> = {
    backmarket: new Map(),
    refurbed: new Map(),
  };
  readonly listings: SimListing[];
  readonly careFolders: SimCareFolder[] = [];
  readonly refurbedReturns: SimRfReturn[] = [];
  readonly writes: RecordedWrite[] = [];
  private nextOrderId: Record<Channel, number> = { backmarket: 61_000_001, refurbed: 9_100_001 };
  private nextLineId: Record<Channel, number> = { backmarket: 82_000_001, refurbed: 5_300_001 };
  private nextCareId = 4_100_001;
  private nextClaimId = 7_200_001;
  private nextReturnId = 3_300_001;
  private writeSeq = 0;
  /** Every line by id, per channel (a marketplace finds an order line by its id at once). */
  private readonly lineIndex: Record<Channel, Map<number, { order: SimOrder; line: SimLine }>> = {
    backmarket: new Map(),
    refurbed: new Map(),
  };
  private readonly listingIndex = new Map<string, SimListing>();
  /** Moves with every change of an order (see listed). */
  private revision = 0;
  private readonly listedCache = new ListingCache<SimOrder>();

  constructor(
    readonly random: Random,
    readonly now: () => Date = () => new Date(),
    catalogue: readonly CatalogueEntry[] = demoCatalogue,
  ) {
    this.listings = catalogue.map((entry) => ({
      sku: entry.sku,
      title: entry.name,
      price: entry.price,
      quantity: entry.stock,
      bmListingId: entry.bmListingId,
      bmLegacyListingId: entry.bmLegacyListingId,
      rfOfferId: entry.rfOfferId,
      brand: entry.brand,
    }));
    for (const listing of this.listings) {
      if (!this.listingIndex.has(listing.sku)) this.listingIndex.set(listing.sku, listing);
    }
  }

  listingBySku(sku: string): SimListing | undefined {
    return this.listingIndex.get(sku);
  }

  /** The channel's orders by id: ids only grow and addOrder is the one writer, so the map's
   * insertion order is id order (no sort on every listed page). */
  ordersOf(channel: Channel): SimOrder[] {
    return [...this.orders[channel].values()];
  }

  /**
   * The channel's orders that pass `filter`, by id (reversed with `descending`). `key` names
   * the filter and its parameters: every page of one listing shares one walk over the store
   * until an order changes (the store's own writers move its revision).
   */
  listed(
    channel: Channel,
    key: string,
    filter: (order: SimOrder) => boolean,
    descending = false,
  ): readonly SimOrder[] {
    return this.listedCache.get(
      `${channel} ${descending ? "desc" : "asc"} ${key}`,
      this.revision,
      () => {
        const found: SimOrder[] = [];
        for (const order of this.orders[channel].values()) if (filter(order)) found.push(order);
        return descending ? found.reverse() : found;
      },
    );
  }

  order(channel: Channel, id: number): SimOrder | undefined {
    return this.orders[channel].get(id);
  }

  findLine(channel: Channel, lineId: number): { order: SimOrder; line: SimLine } | undefined {
    return this.lineIndex[channel].get(lineId);
  }

  addOrder(spec: NewOrderSpec): SimOrder {
    if (spec.lines.length === 0) throw new Error("an order needs at least one line");
    const createdAt = spec.createdAt ?? this.now();
    const id = this.nextOrderId[spec.channel]++;
    const customer = { ...this.random.pick(customers), ...spec.customer };
    const lines: SimLine[] = [];
    for (const lineSpec of spec.lines) {
      const listing = this.listingBySku(lineSpec.sku);
      // Refurbed has no quantity: one item is one unit, so a multi-unit line becomes several items.
      const units = spec.channel === "refurbed" ? (lineSpec.quantity ?? 1) : 1;
      for (let unit = 0; unit < units; unit++) {
        lines.push({
          id: this.nextLineId[spec.channel]++,
          sku: lineSpec.sku,
          name: lineSpec.name ?? listing?.title ?? `Refurbished device ${lineSpec.sku}`,
          quantity: spec.channel === "refurbed" ? 1 : (lineSpec.quantity ?? 1),
          unitPrice: lineSpec.unitPrice ?? listing?.price ?? "199.00",
          state: lineSpec.state ?? "paid",
          createdAt,
          changedAt: createdAt,
          imei: String(350_000_000_000_000 + this.random.int(0, 99_999_999_999)),
        });
      }
    }
    const order: SimOrder = {
      channel: spec.channel,
      id,
      createdAt,
      modifiedAt: createdAt,
      paidAt: lines.some(
        (line) => !["payment_check", "pending_payment", "not_paid"].includes(line.state),
      )
        ? createdAt
        : null,
      shippedAt: null,
      currency: "EUR",
      market: spec.market ?? "fr-fr",
      customer,
      lines,
      trackingNumber: null,
      trackingUrl: null,
      labelPath: null,
      malformed: spec.malformed ?? null,
    };
    this.orders[spec.channel].set(id, order);
    this.revision++;
    for (const line of lines) {
      this.lineIndex[spec.channel].set(line.id, { order, line });
      this.applySideEffects(order, line);
      // Marketplaces decrement their own listed quantity when an order arrives.
      const listing = spec.decrementListing === false ? undefined : this.listingBySku(line.sku);
      if (listing) listing.quantity = Math.max(0, listing.quantity - line.quantity);
    }
    return order;
  }

  /** Moves lines to a state (no transition rules: the control API and the order stream use it). */
  setLineState(order: SimOrder, line: SimLine, state: SimLineState): void {
    if (line.state === state) return;
    line.state = state;
    line.changedAt = this.now();
    order.modifiedAt = line.changedAt;
    this.revision++;
    this.applySideEffects(order, line);
  }

  /** The marketplace changes a line's quantity (a seller-side edit, a partial cancellation). */
  setLineQuantity(order: SimOrder, line: SimLine, quantity: number): void {
    line.quantity = quantity;
    line.changedAt = this.now();
    order.modifiedAt = line.changedAt;
    this.revision++;
  }

  /** The marketplace stops listing a line in its order (as live APIs sometimes do). */
  removeLine(order: SimOrder, lineId: number): void {
    const index = order.lines.findIndex((line) => line.id === lineId);
    if (index < 0) throw new Error(`order ${order.id} has no line ${lineId}`);
    order.lines.splice(index, 1);
    this.lineIndex[order.channel].delete(lineId);
    order.modifiedAt = this.now();
    this.revision++;
  }

  private applySideEffects(order: SimOrder, line: SimLine): void {
    if (line.state === "paid") order.paidAt ??= line.changedAt;
    if (line.state === "accepted" || line.state === "shipped") {
      // BackShip creates the label as soon as a line is accepted.
      order.labelPath ??= `/static/shipment_labels/eu-${order.channel}-${order.id}-1.pdf`;
    }
    if (line.state === "shipped") {
      order.shippedAt ??= line.changedAt;
      order.trackingNumber ??= `6A${String(order.id).padStart(11, "0")}`;
      order.trackingUrl ??= `https://tracking.example.com/parcels/${order.trackingNumber}`;
    }
  }

  addCareFolder(
    orderLineId: number,
    state: "open" | "closed" = "open",
    returnLabel?: Pick<SimReturnLabel, "kind" | "state">,
  ): SimCareFolder {
    const found = this.findLine("backmarket", orderLineId);
    if (!found) throw new Error(`no Back Market order line ${orderLineId}`);
    const now = this.now();
    const folder: SimCareFolder = {
      id: this.nextCareId++,
      orderId: found.order.id,
      orderLineId,
      state,
      createdAt: now,
      modifiedAt: now,
      closedAt: state === "closed" ? now : null,
      claims: [
        {
          id: this.nextClaimId++,
          state,
          returnLabels: returnLabel ? [{ ...returnLabel, createdAt: now }] : [],
        },
      ],
    };
    this.careFolders.push(folder);
    return folder;
  }

  /** A Refurbed return of one item, or a new state for it (DELIVERED sets delivered_at). */
  setRefurbedReturn(orderLineId: number, state: RfReturnState): SimRfReturn {
    const found = this.findLine("refurbed", orderLineId);
    if (!found) throw new Error(`no Refurbed order item ${orderLineId}`);
    const now = this.now();
    let entry = this.refurbedReturns.find((candidate) => candidate.orderLineId === orderLineId);
    if (!entry) {
      entry = {
        id: this.nextReturnId++,
        orderId: found.order.id,
        orderLineId,
        state,
        initiatedAt: now,
        deliveredAt: null,
        trackingNumber: `RT${String(orderLineId).padStart(10, "0")}`,
      };
      this.refurbedReturns.push(entry);
    }
    entry.state = state;
    if (state === "DELIVERED" || state === "CONCLUDED") entry.deliveredAt ??= now;
    return entry;
  }

  record(write: Omit<RecordedWrite, "seq" | "at">): void {
    this.writes.push({ ...write, seq: ++this.writeSeq, at: this.now().toISOString() });
  }

  /** Records a POST write with the status it was answered with, and passes the answer on. */
  recorded<R extends { status: number }>(
    channel: Channel,
    request: { path: string; body: unknown },
    response: R,
  ): R {
    this.record({
      channel,
      method: "POST",
      path: request.path,
      body: request.body,
      status: response.status,
    });
    return response;
  }
}
