DROP INDEX "variations_oversold_idx";--> statement-breakpoint
DROP INDEX "stock_movements_lock_idx";--> statement-breakpoint
DROP INDEX "stock_movements_sync_run_idx";