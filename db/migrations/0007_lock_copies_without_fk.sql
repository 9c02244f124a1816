ALTER TABLE "marketplace_stock_locks" DROP CONSTRAINT "marketplace_stock_locks_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" DROP CONSTRAINT "marketplace_stock_locks_marketplace_id_marketplaces_id_fk";
