// Stock at the marketplace's location (NOTES (b)): every variant's inventory item and its
// `available` quantity there (a listing = an inventory item), and absolute writes of
// `available` compared against the quantity just read, so a sale Shopify counted in between
// is never overwritten. The pinned version decides the compare field and the idempotency key.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ListingResult } from "../adapter";
import { PagingGuard } from "../paging-guard";
import { parsePayload, rawId } from "../parse";
import type { ShopifyGraphql } from "./graphql";
import {
  INVENTORY_LEVEL_QUERY,
  SET_QUANTITIES_IDEMPOTENT,
  SET_QUANTITIES_LEGACY,
  VARIANTS_QUERY,
} from "./queries";
import {
  availableOf,
  inventoryLevelSchema,
  setQuantitiesSchema,
  variantSchema,
  variantsPageSchema,
} from "./schemas";
import type { InventoryWriteRules } from "./settings";

/** Writes that lost the compare to a concurrent change are read and tried again this often. */
const MAX_STALE_RETRIES = 3;
const STALE_CODES = new Set(["CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE"]);

export class ShopifyInventory {
  constructor(
    private readonly graphql: ShopifyGraphql,
    private readonly locationId: string,
    private readonly rules: InventoryWriteRules,
    private readonly maxPages: number,
  ) {}

  /**
   * Every variant with a SKU as a listing of its inventory item at the location. A SKU on more
   * than one variant is refused (a write could land on the wrong one), as is an untracked item
   * or one not stocked at the location.
   */
  async *listings(pageSize: number, signal?: AbortSignal): AsyncIterable<ListingResult> {
    const guard = new PagingGuard("Shopify productVariants", this.maxPages, (r) => rawId(r, "id"));
    const bySku = new Map<string, ListingResult[]>();
    let after: string | undefined;
    for (;;) {
      const page = await this.graphql.request(
        "productVariants",
        VARIANTS_QUERY,
        {
          first: Math.min(Math.max(1, pageSize), 100),
          after: after ?? null,
          location: this.locationId,
        },
        variantsPageSchema,
        signal,
      );
      const { nodes, pageInfo } = page.productVariants;
      for (const raw of nodes) {
        const result = toListingResult(raw);
        const sku = result.ok ? result.listing.sku : (rawSku(raw) ?? "");
        if (sku === "") {
          if (!result.ok) yield result;
          continue;
        }
        bySku.set(sku, [...(bySku.get(sku) ?? []), result]);
      }
      const step = guard.afterPage(
        nodes,
        pageInfo.hasNextPage ? (pageInfo.endCursor ?? undefined) : undefined,
      );
      if (step.kind === "stop") throw step.error;
      if (step.kind === "end") break;
      after = step.cursor;
    }
    for (const [sku, results] of bySku) {
      if (results.length === 1) {
        yield results[0] as ListingResult;
        continue;
      }
      yield {
        ok: false,
        failure: {
          externalId: sku,
          path: "sku",
          message: `SKU ${sku} is on ${results.length} variants; its stock is not synced until it is unique`,
        },
      };
    }
  }

  /** The item's `available` quantity at the location (null: not stocked there). */
  async available(inventoryItemId: string, signal?: AbortSignal): Promise<number | null> {
    const data = await this.graphql.request(
      "inventoryLevel",
      INVENTORY_LEVEL_QUERY,
      { item: inventoryItemId, location: this.locationId },
      inventoryLevelSchema,
      signal,
    );
    if (!data.inventoryItem) {
      throw new AppError("not_found", `Shopify has no inventory item ${inventoryItemId}`);
    }
    const level = data.inventoryItem.inventoryLevel;
    return level ? availableOf(level.quantities) : null;
  }

  /**
   * Sets `available` to `quantity`, compared with the quantity read just before: a stale
   * compare (a sale in between) is read again and retried with a new key; a transport retry of
   * the same call carries the same key, so Shopify applies it once.
   */
  async setAvailable(
    inventoryItemId: string,
    quantity: number,
    reference: string,
    signal?: AbortSignal,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.available(inventoryItemId, signal);
      if (current === null) {
        throw new AppError(
          "bad_request",
          `Shopify inventory item ${inventoryItemId} is not stocked at location ${this.locationId}`,
        );
      }
      if (current === quantity) return;
      const errors = await this.write(inventoryItemId, quantity, current, reference, signal);
      if (errors.length === 0) return;
      const stale = errors.some((error) => STALE_CODES.has(error.code ?? ""));
      if (!stale || attempt >= MAX_STALE_RETRIES) {
        const first = errors[0];
        throw new AppError(
          stale ? "conflict" : "bad_request",
          `Shopify refused the quantity for ${inventoryItemId}: ${first?.code ?? ""} ${first?.message ?? ""}`.trim(),
        );
      }
    }
  }

  private async write(
    inventoryItemId: string,
    quantity: number,
    compareWith: number,
    reference: string,
    signal?: AbortSignal,
  ) {
    const modern = this.rules.compareField === "changeFromQuantity";
    const input = {
      name: "available",
      reason: "correction",
      referenceDocumentUri: reference,
      ...(modern ? {} : { ignoreCompareQuantity: false }),
      quantities: [
        {
          inventoryItemId,
          locationId: this.locationId,
          quantity,
          [this.rules.compareField]: compareWith,
        },
      ],
    };
    const data = await this.graphql.request(
      "inventorySetQuantities",
      this.rules.idempotencyKey ? SET_QUANTITIES_IDEMPOTENT : SET_QUANTITIES_LEGACY,
      this.rules.idempotencyKey ? { input, key: randomUUID() } : { input },
      setQuantitiesSchema,
      signal,
    );
    return data.inventorySetQuantities.userErrors;
  }
}

function rawSku(raw: unknown): string | undefined {
  const sku = rawId(raw, "sku");
  return sku?.trim();
}

function toListingResult(raw: unknown): ListingResult {
  const parsed = parsePayload(variantSchema, raw, (r) => rawId(r, "sku", "id"));
  if (!parsed.ok) return parsed;
  const { sku, inventoryItem } = parsed.data;
  const fail = (message: string): ListingResult => ({
    ok: false,
    failure: { externalId: sku || parsed.data.id, path: "inventoryItem", message },
  });
  if (!sku) return fail("variant without SKU");
  if (!inventoryItem.tracked) return fail(`SKU ${sku}: inventory is not tracked on Shopify`);
  const available = inventoryItem.inventoryLevel
    ? availableOf(inventoryItem.inventoryLevel.quantities)
    : null;
  if (available === null) return fail(`SKU ${sku} is not stocked at the marketplace's location`);
  return {
    ok: true,
    listing: { sku, externalListingId: inventoryItem.id, quantity: Math.max(0, available) },
  };
}
