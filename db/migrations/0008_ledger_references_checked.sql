ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_marketplace_id_marketplaces_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_order_item_id_order_items_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_lock_id_marketplace_stock_locks_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_sync_run_id_sync_runs_id_fk";
