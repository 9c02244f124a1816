CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"last_notified_at" timestamp with time zone,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"webhook_notified" text,
	"email_notified" text,
	"notify_attempts" integer DEFAULT 0 NOT NULL,
	"notify_error" text,
	"notify_claimed_until" timestamp with time zone,
	CONSTRAINT "alerts_kind_check" CHECK ("alerts"."kind" in ('push_failing', 'sync_failing', 'oversold', 'drift', 'stale_lock', 'unmapped_sku', 'marketplace_silent')),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'resolved')),
	CONSTRAINT "alerts_resolved_check" CHECK (("alerts"."status" = 'resolved') = ("alerts"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key" ON "alerts" USING btree ("kind","subject") WHERE "alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status","opened_at");