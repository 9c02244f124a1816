// Paging that ends: a listing stops when the marketplace repeats itself (a link or cursor
// already followed, or a page holding only items this listing has already read) or past the
// page limit, and says why. The pages read until then are handed on; the caller then throws
// the PagingStoppedError, so the run ends failed with that sentence and keeps what it stored.
import { AppError } from "@/lib/errors";

export class PagingStoppedError extends AppError {
  override name = "PagingStoppedError";
  constructor(message: string) {
    super("unavailable", message);
  }
}

export type PagingStep =
  | { kind: "follow"; cursor: string }
  | { kind: "end" }
  | { kind: "stop"; error: PagingStoppedError };

export class PagingGuard {
  private pages = 0;
  private readonly followed = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(
    /** Names the listing in the message, e.g. `GET /ws/orders`. */
    private readonly what: string,
    private readonly maxPages: number,
    /** An item's id, to notice pages that only repeat; without it only cursors are checked. */
    private readonly idOf?: (raw: unknown) => string | undefined,
  ) {}

  /** After reading a page: follow `next` (a link or cursor; undefined at the end), or stop. */
  afterPage(items: readonly unknown[], next: string | undefined): PagingStep {
    this.pages++;
    const fresh = this.countFresh(items);
    if (next === undefined || next === "") return { kind: "end" };
    if (items.length > 0 && fresh === 0) {
      return this.stop(`page ${this.pages} held only items this listing had already read`);
    }
    if (this.followed.has(next)) {
      return this.stop(`page ${this.pages} points back to a page already read (${clip(next)})`);
    }
    if (this.pages >= this.maxPages) {
      return this.stop(`${this.maxPages} pages read, the limit for one listing`);
    }
    this.followed.add(next);
    return { kind: "follow", cursor: next };
  }

  private countFresh(items: readonly unknown[]): number {
    if (!this.idOf) return items.length;
    let fresh = 0;
    for (const item of items) {
      const id = this.idOf(item);
      // An item without a readable id cannot be told apart: count it as new.
      if (id === undefined || !this.seen.has(id)) fresh++;
      if (id !== undefined) this.seen.add(id);
    }
    return fresh;
  }

  private stop(reason: string): PagingStep {
    return {
      kind: "stop",
      error: new PagingStoppedError(
        `${this.what}: paging stopped after ${this.pages} pages (${reason}); what those pages held was kept`,
      ),
    };
  }
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}
