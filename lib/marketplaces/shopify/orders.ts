// Reading orders: pages of `orders(query:, sortKey: UPDATED_AT)` followed by cursor (guarded),
// each order checked, its further lines paged and, when a refund may follow a fulfilment, its
// fulfilments read; then mapped and checked against the neutral schema. A bad order is one
// `{ ok: false }` result; the pages around it carry on.
import { normalizedOrderSchema } from "@/lib/domain/normalized-order";
import { AppError } from "@/lib/errors";
import type { OrderResult } from "../adapter";
import { orderLimits } from "../limits";
import { PagingGuard } from "../paging-guard";
import { parsePayload, rawId } from "../parse";
import type { ShopifyGraphql } from "./graphql";
import { mapShopifyOrder, needsFulfilments } from "./mapping";
import { ORDER_FULFILMENTS_QUERY, ORDER_LINES_QUERY, ORDERS_QUERY } from "./queries";
import {
  fulfilmentsSchema,
  gidNumber,
  orderLinesSchema,
  ordersPageSchema,
  type ShopifyLine,
  type ShopifyOrder,
  shopifyLineSchema,
  shopifyOrderSchema,
} from "./schemas";

/** 25 orders with 10 lines each stay under Shopify's 1,000-point ceiling for one query. */
export const SHOPIFY_MAX_PAGE_SIZE = 25;

const orderIdOf = (raw: unknown) => {
  const id = rawId(raw, "legacyResourceId", "id");
  return id === undefined ? undefined : gidNumber(id);
};

export class ShopifyOrderReader {
  constructor(
    private readonly graphql: ShopifyGraphql,
    private readonly marketplaceId: number,
    private readonly maxPages: number,
  ) {}

  /** Every order matching `query` (Shopify search syntax), oldest update first. */
  async *list(query: string, pageSize: number, signal?: AbortSignal): AsyncIterable<OrderResult> {
    const first = Math.min(Math.max(1, pageSize), SHOPIFY_MAX_PAGE_SIZE);
    const guard = new PagingGuard(`Shopify orders (${query})`, this.maxPages, orderIdOf);
    let after: string | undefined;
    for (;;) {
      const page = await this.graphql.request(
        "orders",
        ORDERS_QUERY,
        { first, after: after ?? null, query },
        ordersPageSchema,
        signal,
      );
      const { nodes, pageInfo } = page.orders;
      for (const raw of nodes) yield await this.toResult(raw, signal);
      const step = guard.afterPage(
        nodes,
        pageInfo.hasNextPage ? (pageInfo.endCursor ?? undefined) : undefined,
      );
      if (step.kind === "stop") throw step.error;
      if (step.kind === "end") return;
      after = step.cursor;
    }
  }

  /** One order's payload (as `orders` or `order` return it) → an OrderResult. */
  async toResult(raw: unknown, signal?: AbortSignal): Promise<OrderResult> {
    const parsed = parsePayload(shopifyOrderSchema, raw, orderIdOf);
    if (!parsed.ok) return parsed;
    const order = parsed.data;
    const externalId = order.legacyResourceId;
    try {
      const lines = await this.allLines(order, signal);
      const fulfilled = needsFulfilments(order, lines)
        ? await this.fulfilledByLine(order, signal)
        : null;
      const normalized = parsePayload(
        normalizedOrderSchema,
        mapShopifyOrder(order, lines, this.marketplaceId, fulfilled),
        () => externalId,
      );
      return normalized.ok ? { ok: true, order: normalized.data } : normalized;
    } catch (error) {
      if (error instanceof OrderDetailError) {
        return { ok: false, failure: { externalId, path: error.path, message: error.message } };
      }
      throw error;
    }
  }

  /** The order's lines: the first 10 came with it; the rest are paged (bounded). */
  private async allLines(order: ShopifyOrder, signal?: AbortSignal): Promise<ShopifyLine[]> {
    const lines = [...order.lineItems.nodes];
    let pageInfo = order.lineItems.pageInfo;
    while (pageInfo.hasNextPage) {
      if (lines.length >= orderLimits.maxLinesPerOrder) {
        throw new OrderDetailError(
          "lineItems",
          `more than ${orderLimits.maxLinesPerOrder} lines (the limit per order)`,
        );
      }
      const page = await this.graphql.request(
        "orderLines",
        ORDER_LINES_QUERY,
        { id: order.id, after: pageInfo.endCursor ?? null },
        orderLinesSchema,
        signal,
      );
      if (!page.order) throw new OrderDetailError("lineItems", "the order vanished while paging");
      for (const [index, raw] of page.order.lineItems.nodes.entries()) {
        const line = shopifyLineSchema.safeParse(raw);
        if (!line.success) {
          const issue = line.error.issues[0];
          throw new OrderDetailError(
            `lineItems.${lines.length + index}.${issue?.path.join(".") ?? ""}`,
            issue?.message ?? "invalid line",
          );
        }
        lines.push(line.data);
      }
      if (page.order.lineItems.pageInfo.endCursor === pageInfo.endCursor) break;
      pageInfo = page.order.lineItems.pageInfo;
    }
    return lines;
  }

  /** Units fulfilled per line id, over every fulfilment that was not cancelled. */
  private async fulfilledByLine(
    order: ShopifyOrder,
    signal?: AbortSignal,
  ): Promise<Map<string, number>> {
    const data = await this.graphql.request(
      "orderFulfilments",
      ORDER_FULFILMENTS_QUERY,
      { id: order.id },
      fulfilmentsSchema,
      signal,
    );
    const fulfilled = new Map<string, number>();
    for (const fulfilment of data.order?.fulfillments ?? []) {
      if (fulfilment.status === "CANCELLED" || fulfilment.status === "ERROR") continue;
      if (fulfilment.fulfillmentLineItems.pageInfo.hasNextPage) {
        throw new OrderDetailError("fulfillments", "a fulfilment of more than 20 lines");
      }
      for (const item of fulfilment.fulfillmentLineItems.nodes) {
        fulfilled.set(item.lineItem.id, (fulfilled.get(item.lineItem.id) ?? 0) + item.quantity);
      }
    }
    return fulfilled;
  }
}

/** What about one order could not be read; that order fails alone. */
class OrderDetailError extends AppError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super("unavailable", message);
  }
}
