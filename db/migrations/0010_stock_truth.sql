ALTER TABLE "marketplace_stock" ADD COLUMN "push_claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "push_claim_token" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vanished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD COLUMN "flag" text;--> statement-breakpoint
CREATE INDEX "locks_flag_idx" ON "marketplace_stock_locks" USING btree ("flag","status") WHERE "marketplace_stock_locks"."flag" is not null;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "locks_flag_check" CHECK ("marketplace_stock_locks"."flag" in ('item_vanished', 'shipped_after_release'));