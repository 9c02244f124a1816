-- Rows updated again and again (stock counters on every lock change, the push outbox,
-- order status and sync progress) keep room on their page for the next version, so the
-- update stays on that page (HOT) and touches no index. Applies to pages written from now on.
ALTER TABLE "variations" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "marketplace_stock" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "stock_push_outbox" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "orders" SET (fillfactor = 85);--> statement-breakpoint
ALTER TABLE "order_items" SET (fillfactor = 85);--> statement-breakpoint
ALTER TABLE "sync_runs" SET (fillfactor = 50);
