DROP INDEX "orders_marketplace_modified_idx";--> statement-breakpoint
CREATE INDEX "orders_modified_idx" ON "orders" USING btree ("modified_at");