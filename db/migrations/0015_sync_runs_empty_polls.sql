ALTER TABLE "sync_runs" ADD COLUMN "empty_polls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "last_polled_at" timestamp with time zone;