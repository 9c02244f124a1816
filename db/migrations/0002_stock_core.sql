ALTER TABLE "variations" ADD COLUMN "locked_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "variations_oversold_idx" ON "variations" USING btree ("id") WHERE "variations"."locked_quantity" > "variations"."on_hand";--> statement-breakpoint
CREATE INDEX "stock_movements_lock_idx" ON "stock_movements" USING btree ("lock_id");--> statement-breakpoint
CREATE INDEX "stock_movements_sync_run_idx" ON "stock_movements" USING btree ("sync_run_id") WHERE "stock_movements"."sync_run_id" is not null;--> statement-breakpoint
ALTER TABLE "variations" ADD CONSTRAINT "variations_on_hand_check" CHECK ("variations"."on_hand" >= 0);--> statement-breakpoint
ALTER TABLE "variations" ADD CONSTRAINT "variations_locked_check" CHECK ("variations"."locked_quantity" >= 0);--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "locks_consumed_at_check" CHECK (("marketplace_stock_locks"."status" = 'consumed') = ("marketplace_stock_locks"."consumed_at" is not null));--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "locks_released_at_check" CHECK (("marketplace_stock_locks"."status" = 'cancelled') = ("marketplace_stock_locks"."released_at" is not null));--> statement-breakpoint
ALTER TABLE "stock_push_outbox" ADD CONSTRAINT "stock_push_outbox_attempts_check" CHECK ("stock_push_outbox"."attempts" >= 0);