import type { ListingRow } from "@/lib/queries/listing";
import { defineList } from "./define";
import { idValue, listOf, oneOf, textValue } from "./parsers";

/**
 * oversold: available < 0 · drift: listed ≠ publishable · pending: a push is queued ·
 * failing: a queued push whose last attempt failed · locked: has active locks
 */
export const listingFlags = ["oversold", "drift", "pending", "failing", "locked"] as const;
export type ListingFlag = (typeof listingFlags)[number];

const flagLabels: Record<ListingFlag, string> = {
  oversold: "Oversold",
  drift: "Drift",
  locked: "With locks",
  pending: "Push pending",
  failing: "Push failing",
};

/** `/v2/listing`: variations × marketplaces. */
export const listingList = defineList<ListingRow>()({
  label: "Listing",
  export: { name: "listing", role: "viewer" },
  columns: {
    marketplace: {
      header: "Marketplace",
      csv: [{ header: "marketplace", field: "marketplaceCode" }],
    },
    sku: {
      header: "Variation",
      sortable: true,
      csv: [
        { header: "variation_id", field: "variationId" },
        { header: "sku", field: "sku" },
        { header: "name", field: "name" },
      ],
    },
    onHand: { header: "On hand", sortable: true, csv: [{ header: "on_hand", field: "onHand" }] },
    locked: { header: "Locked here", sortable: true, csv: [{ header: "locked", field: "locked" }] },
    lockedTotal: {
      header: "Locked total",
      sortable: true,
      csv: [{ header: "locked_total", field: "lockedTotal" }],
    },
    available: {
      header: "Available",
      sortable: true,
      csv: [{ header: "available", field: "available" }],
    },
    rules: {
      header: "Rules",
      csv: [
        { header: "buffer", field: "buffer" },
        { header: "max_quantity", field: "maxQuantity" },
        { header: "share_percent", field: "sharePercent" },
        { header: "zero_at_or_below", field: "zeroAtOrBelow" },
      ],
    },
    publishable: {
      header: "Publishable",
      sortable: true,
      csv: [{ header: "publishable", field: "publishable" }],
    },
    listed: { header: "Listed", sortable: true, csv: [{ header: "listed", field: "listed" }] },
    drift: { header: "Drift", sortable: true, csv: [{ header: "drift", field: "drift" }] },
    pushState: {
      header: "Push",
      csv: [
        { header: "push_pending", field: "pendingPush" },
        { header: "push_state", field: "pushState" },
        { header: "push_pending_since", field: "pushPendingSince" },
        { header: "push_attempts", field: "pushAttempts" },
        { header: "push_last_error", field: "pushLastError" },
      ],
    },
    lastSyncedAt: { header: "Synced" },
  },
  filters: {
    q: { kind: "search", label: "Search SKU or name", parser: textValue(100) },
    marketplace: {
      kind: "multi",
      label: "Marketplace",
      parser: listOf(idValue),
      options: "dynamic",
    },
    flag: {
      kind: "select",
      label: "Show",
      parser: oneOf(listingFlags),
      options: (["oversold", "drift", "locked", "pending", "failing"] as const).map((flag) => ({
        value: flag,
        label: flagLabels[flag],
      })),
    },
    variation: { kind: "text", label: "Variation id", parser: idValue, placeholder: "id" },
  },
  defaultSort: { id: "sku", desc: false },
});
