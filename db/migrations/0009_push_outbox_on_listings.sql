-- The push outbox moves onto the listing rows it names (one pending push per listing), so the
-- stock write queues pushes in the same update that moves the listing's counter.
ALTER TABLE "marketplace_stock" ADD COLUMN "push_pending_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "push_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "push_next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "push_last_error" text;--> statement-breakpoint
-- Pending pushes carry over; an outbox row without a listing row had nothing to push to.
UPDATE "marketplace_stock" ms SET "push_pending_since" = o."enqueued_at",
  "push_attempts" = o."attempts", "push_next_attempt_at" = o."next_attempt_at",
  "push_last_error" = o."last_error"
FROM "stock_push_outbox" o
WHERE o."variation_id" = ms."variation_id" AND o."marketplace_id" = ms."marketplace_id";--> statement-breakpoint
DROP TABLE "stock_push_outbox" CASCADE;--> statement-breakpoint
CREATE INDEX "marketplace_stock_push_due_idx" ON "marketplace_stock" USING btree ("push_next_attempt_at") WHERE "marketplace_stock"."push_pending_since" is not null;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_push_attempts_check" CHECK ("marketplace_stock"."push_attempts" >= 0);
