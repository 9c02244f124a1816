// Shopify's GraphQL rate limit is a leaky bucket of cost points per (app, shop): every answer
// says how full it is (`extensions.cost.throttleStatus`). Before a call, wait until the bucket
// holds the call's expected cost: (cost − available) / restoreRate seconds (NOTES (f)).
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private status: ThrottleStatus | null = null;
  private seenAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  update(status: ThrottleStatus): void {
    this.status = status;
    this.seenAt = this.now();
  }

  /** Points available now, restored since the last answer (null before the first answer). */
  available(): number | null {
    if (!this.status) return null;
    const restored = ((this.now() - this.seenAt) / 1000) * this.status.restoreRate;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + restored);
  }

  /** Milliseconds to wait before a call of `cost` points (0 when it fits, or nothing is known). */
  waitMs(cost: number): number {
    const available = this.available();
    if (available === null || !this.status || this.status.restoreRate <= 0) return 0;
    const needed = Math.min(cost, this.status.maximumAvailable);
    if (available >= needed) return 0;
    return Math.ceil(((needed - available) / this.status.restoreRate) * 1000);
  }
}
