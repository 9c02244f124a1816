import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { acceptPolicies, providers, sqlList } from "./enums";

/** The bounds of the allocation rules, on listings and on the marketplaces' defaults. */
function listingRuleChecks(
  prefix: string,
  rules: {
    buffer: AnyPgColumn;
    maxQuantity: AnyPgColumn;
    sharePercent: AnyPgColumn;
    zeroAtOrBelow: AnyPgColumn;
  },
) {
  return [
    check(`${prefix}_buffer_check`, sql`${rules.buffer} >= 0`),
    check(
      `${prefix}_max_quantity_check`,
      sql`${rules.maxQuantity} is null or ${rules.maxQuantity} >= 0`,
    ),
    check(
      `${prefix}_share_percent_check`,
      sql`${rules.sharePercent} is null or ${rules.sharePercent} between 1 and 100`,
    ),
    check(
      `${prefix}_zero_at_or_below_check`,
      sql`${rules.zeroAtOrBelow} is null or ${rules.zeroAtOrBelow} >= 0`,
    ),
  ];
}

export const marketplaces = pgTable(
  "marketplaces",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    provider: text("provider", { enum: providers }).notNull(),
    baseUrl: text("base_url").notNull(),
    /** Name of the environment variable holding the API token: secrets never live here. */
    tokenEnv: text("token_env").notNull(),
    /** Market / language code sent as Accept-Language (Back Market), e.g. fr-fr. */
    country: text("country"),
    acceptPolicy: text("accept_policy", { enum: acceptPolicies })
      .notNull()
      .default("when_in_stock"),
    /** Provider-specific, non-secret settings (e.g. the User-Agent contact). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    // Allocation rules a listing of this marketplace starts with (a stock sync or a first lock
    // creates the marketplace_stock row with them); each listing may then be changed apart.
    /** Default marketplace_stock.buffer of new listings. */
    defaultBuffer: integer("default_buffer").notNull().default(0),
    /** Default marketplace_stock.max_quantity (null: no cap). */
    defaultMaxQuantity: integer("default_max_quantity"),
    /** Default marketplace_stock.share_percent (null: 100). */
    defaultSharePercent: integer("default_share_percent"),
    /** Default marketplace_stock.zero_at_or_below (null: off). */
    defaultZeroAtOrBelow: integer("default_zero_at_or_below"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("marketplaces_provider_check", sql`${t.provider} in (${sql.raw(sqlList(providers))})`),
    check(
      "marketplaces_accept_policy_check",
      sql`${t.acceptPolicy} in (${sql.raw(sqlList(acceptPolicies))})`,
    ),
    check("marketplaces_code_check", sql`${t.code} ~ '^[a-z0-9][a-z0-9-]*$'`),
    ...listingRuleChecks("marketplaces_default", {
      buffer: t.defaultBuffer,
      maxQuantity: t.defaultMaxQuantity,
      sharePercent: t.defaultSharePercent,
      zeroAtOrBelow: t.defaultZeroAtOrBelow,
    }),
  ],
);

export const variations = pgTable(
  "variations",
  {
    id: serial("id").primaryKey(),
    sku: text("sku").notNull().unique(),
    name: text("name").notNull(),
    /** Units physically in stock. */
    onHand: integer("on_hand").notNull().default(0),
    /**
     * Σ of the variation's active locks over all marketplaces (the sum of its
     * marketplace_stock.locked_quantity). Kept as a counter so that available = on_hand −
     * locked_quantity is one row away and "oversold" (available < 0) has a cheap index.
     */
    lockedQuantity: integer("locked_quantity").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("variations_sku_check", sql`length(${t.sku}) > 0`),
    check("variations_on_hand_check", sql`${t.onHand} >= 0`),
    check("variations_locked_check", sql`${t.lockedQuantity} >= 0`),
    // No index may cover on_hand or locked_quantity (not even in a predicate): every lock
    // change updates them, and only then can PostgreSQL update the row in place (HOT)
    // instead of adding an entry to each index. Oversold is found by scanning variations.
  ],
);

export const marketplaceStock = pgTable(
  "marketplace_stock",
  {
    id: serial("id").primaryKey(),
    marketplaceId: integer("marketplace_id")
      .notNull()
      .references(() => marketplaces.id),
    variationId: integer("variation_id")
      .notNull()
      .references(() => variations.id),
    externalListingId: text("external_listing_id"),
    externalSku: text("external_sku"),
    /** What the marketplace last reported. */
    listedQuantity: integer("listed_quantity"),
    /** Σ of this marketplace's active locks on the variation. */
    lockedQuantity: integer("locked_quantity").notNull().default(0),
    // The listing's allocation rules (DESIGN "Stock rules"; lib/domain/publishable.ts).
    /** Safety units held back from publication. */
    buffer: integer("buffer").notNull().default(0),
    /** Never publish more than this (null: no cap). */
    maxQuantity: integer("max_quantity"),
    /** Publish this percentage of what is left after the buffer, rounded down (null: 100). */
    sharePercent: integer("share_percent"),
    /** Publish 0 while available is at or below this (null: off). */
    zeroAtOrBelow: integer("zero_at_or_below"),
    lastPushedQuantity: integer("last_pushed_quantity"),
    lastPushedAt: timestamp("last_pushed_at", { withTimezone: true }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    // The push outbox, one entry per listing: a push is pending while push_pending_since is
    // set (coalesced: however many lock changes, one pending push). A push settles it only if
    // the quantity it sent is still the publishable one (see markPushed).
    /** Since when a push of the publishable quantity is due (null: nothing to push). */
    pushPendingSince: timestamp("push_pending_since", { withTimezone: true }),
    pushAttempts: integer("push_attempts").notNull().default(0),
    /** Not before then (back-off after a failed push). */
    pushNextAttemptAt: timestamp("push_next_attempt_at", { withTimezone: true }),
    pushLastError: text("push_last_error"),
    // The claim of the drain sending this listing now: no other drain may send it before
    // the lease ends (a dead drain's claim expires), and only the holder of the current token
    // may settle it; a push recorded under a lost claim re-queues the listing instead.
    /** The drain holding the listing may send it until then (null: unclaimed). */
    pushClaimedUntil: timestamp("push_claimed_until", { withTimezone: true }),
    /** Random token of the current claim; recording a push compares it. */
    pushClaimToken: text("push_claim_token"),
  },
  (t) => [
    unique("marketplace_stock_marketplace_variation_key").on(t.marketplaceId, t.variationId),
    index("marketplace_stock_variation_idx").on(t.variationId),
    // Due pushes (a lock change leaves an already pending listing untouched).
    index("marketplace_stock_push_due_idx")
      .on(t.pushNextAttemptAt)
      .where(sql`${t.pushPendingSince} is not null`),
    check("marketplace_stock_push_attempts_check", sql`${t.pushAttempts} >= 0`),
    check("marketplace_stock_locked_check", sql`${t.lockedQuantity} >= 0`),
    ...listingRuleChecks("marketplace_stock", t),
    check(
      "marketplace_stock_listed_check",
      sql`${t.listedQuantity} is null or ${t.listedQuantity} >= 0`,
    ),
  ],
);
