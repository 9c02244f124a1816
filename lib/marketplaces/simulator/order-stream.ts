// A realistic order stream over the demo catalogue: new paid orders, lines moving
// paid → accepted → shipped, some cancelled or refunded, some unknown SKUs, care folders now
// and then. Deterministic for a given seed and clock.
import { unknownSkus } from "./catalogue";
import type { NewLineSpec, SimulatorStore } from "./store";
import type { Channel, SimLineState } from "./types";

export interface StreamOptions {
  /** Chance per tick of a new order, per channel. */
  newOrderChance: Record<Channel, number>;
  /** Chance that a new line carries a SKU no variation has. */
  unknownSkuChance: number;
  /** Paid lines the seller has not accepted through the API get accepted in the back office after this long. */
  acceptAfterMs: number;
  /** Accepted lines ship after this long. */
  shipAfterMs: number;
  /** Chances per tick: a paid line cancelled, an accepted line refunded, a shipped line returned, a care folder opened. */
  cancelChance: number;
  refundChance: number;
  returnChance: number;
  careChance: number;
}

export const defaultStreamOptions: StreamOptions = {
  newOrderChance: { backmarket: 0.6, refurbed: 0.4 },
  unknownSkuChance: 0.06,
  acceptAfterMs: 10 * 60_000,
  shipAfterMs: 3 * 60_000,
  cancelChance: 0.01,
  refundChance: 0.005,
  returnChance: 0.002,
  careChance: 0.04,
};

export class OrderStream {
  readonly options: StreamOptions;

  constructor(
    private readonly store: SimulatorStore,
    options: Partial<StreamOptions> = {},
  ) {
    this.options = { ...defaultStreamOptions, ...options };
  }

  private randomLines(channel: Channel): NewLineSpec[] {
    const { random } = this.store;
    const count = random.chance(0.15) ? 2 : 1;
    const lines: NewLineSpec[] = [];
    for (let index = 0; index < count; index++) {
      const sku = random.chance(this.options.unknownSkuChance)
        ? random.pick(unknownSkus)
        : random.pick(this.store.listings).sku;
      lines.push({ sku, quantity: channel === "backmarket" && random.chance(0.08) ? 2 : 1 });
    }
    return lines;
  }

  /** One step of the marketplace's life. */
  tick(): void {
    const { random, now } = this.store;
    for (const channel of ["backmarket", "refurbed"] as const) {
      if (random.chance(this.options.newOrderChance[channel])) {
        // Back Market sometimes shows an order before its payment is confirmed.
        const state: SimLineState =
          channel === "backmarket" && random.chance(0.1) ? "pending_payment" : "paid";
        this.store.addOrder({
          channel,
          lines: this.randomLines(channel).map((line) => ({ ...line, state })),
        });
      }
    }
    const time = now().getTime();
    for (const channel of ["backmarket", "refurbed"] as const) {
      for (const order of this.store.orders[channel].values()) {
        for (const line of order.lines) {
          const age = time - line.changedAt.getTime();
          const move = (state: SimLineState) => this.store.setLineState(order, line, state);
          if (line.state === "pending_payment") {
            if (random.chance(0.5)) move("paid");
            else if (random.chance(0.05)) move("not_paid");
          } else if (line.state === "paid") {
            if (random.chance(this.options.cancelChance)) move("cancelled");
            else if (age >= this.options.acceptAfterMs) move("accepted");
          } else if (line.state === "accepted") {
            if (random.chance(this.options.refundChance)) move("refunded");
            else if (age >= this.options.shipAfterMs) move("shipped");
          } else if (line.state === "shipped" && random.chance(this.options.returnChance)) {
            move("returned");
          }
        }
      }
    }
    if (random.chance(this.options.careChance)) {
      const shipped = this.store
        .ordersOf("backmarket")
        .flatMap((order) => order.lines.filter((line) => line.state === "shipped"));
      const withoutCare = shipped.filter(
        (line) => !this.store.careFolders.some((folder) => folder.orderLineId === line.id),
      );
      if (withoutCare.length > 0) this.store.addCareFolder(random.pick(withoutCare).id);
    }
  }

  /** Settled and open orders of the last two weeks, so the demo starts with a history. */
  seedHistory(ordersPerChannel: number): void {
    const { random, now } = this.store;
    const finalStates: SimLineState[] = [
      "shipped",
      "shipped",
      "shipped",
      "shipped",
      "cancelled",
      "returned",
      "accepted",
      "paid",
    ];
    for (const channel of ["backmarket", "refurbed"] as const) {
      for (let index = 0; index < ordersPerChannel; index++) {
        const createdAt = new Date(now().getTime() - random.int(1, 14 * 24 * 60) * 60_000);
        const state = random.pick(finalStates);
        this.store.addOrder({
          channel,
          createdAt,
          decrementListing: false,
          lines: this.randomLines(channel).map((line) => ({ ...line, state })),
        });
      }
    }
  }
}
