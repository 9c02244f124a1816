CREATE TABLE "stock_pushes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"marketplace_id" integer NOT NULL,
	"variation_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"error" text,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer,
	CONSTRAINT "stock_pushes_status_check" CHECK ("stock_pushes"."status" in ('sent', 'failed', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "stock_pushes" ADD CONSTRAINT "stock_pushes_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_pushes" ADD CONSTRAINT "stock_pushes_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_pushes_listing_idx" ON "stock_pushes" USING btree ("marketplace_id","variation_id","attempted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stock_pushes_attempted_at_idx" ON "stock_pushes" USING btree ("attempted_at");