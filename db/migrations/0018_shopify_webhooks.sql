CREATE TABLE "webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"marketplace_id" integer NOT NULL,
	"delivery_id" text NOT NULL,
	"event_id" text,
	"topic" text NOT NULL,
	"triggered_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"result" text,
	"subject" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('received', 'processed', 'skipped', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "marketplaces" DROP CONSTRAINT "marketplaces_provider_check";--> statement-breakpoint
ALTER TABLE "sync_runs" DROP CONSTRAINT "sync_runs_trigger_check";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_delivery_key" ON "webhook_deliveries" USING btree ("marketplace_id","delivery_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" USING btree ("marketplace_id","topic","event_id") WHERE "webhook_deliveries"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
ALTER TABLE "marketplaces" ADD CONSTRAINT "marketplaces_provider_check" CHECK ("marketplaces"."provider" in ('backmarket', 'refurbed', 'shopify', 'simulator'));--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_trigger_check" CHECK ("sync_runs"."trigger" in ('cron', 'cli', 'button', 'queue', 'webhook'));