// Sign-in attempt counters behind lib/auth/sign-in-guard.ts: one row per key (a client IP, or an
// account and client IP), counted in fixed windows by a single atomic upsert.
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const signInCounters = pgTable(
  "sign_in_counters",
  {
    /** `ip:<address>` or `account:<email>|ip:<address>`. */
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [index("sign_in_counters_window_idx").on(t.windowStart)],
);
