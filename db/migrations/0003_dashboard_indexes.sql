DROP INDEX "locks_status_created_idx";--> statement-breakpoint
CREATE INDEX "orders_external_id_prefix_idx" ON "orders" USING btree ("external_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_customer_prefix_idx" ON "orders" USING btree (lower("customer_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "locks_status_created_quantity_idx" ON "marketplace_stock_locks" USING btree ("status","created_at","quantity");--> statement-breakpoint
CREATE INDEX "locks_created_quantity_idx" ON "marketplace_stock_locks" USING btree ("created_at","quantity");--> statement-breakpoint
CREATE INDEX "locks_quantity_idx" ON "marketplace_stock_locks" USING btree ("quantity","id");