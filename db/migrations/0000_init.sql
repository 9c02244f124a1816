CREATE TABLE "marketplace_stock" (
	"id" serial PRIMARY KEY NOT NULL,
	"marketplace_id" integer NOT NULL,
	"variation_id" integer NOT NULL,
	"external_listing_id" text,
	"external_sku" text,
	"listed_quantity" integer,
	"locked_quantity" integer DEFAULT 0 NOT NULL,
	"buffer" integer DEFAULT 0 NOT NULL,
	"last_pushed_quantity" integer,
	"last_pushed_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "marketplace_stock_marketplace_variation_key" UNIQUE("marketplace_id","variation_id"),
	CONSTRAINT "marketplace_stock_locked_check" CHECK ("marketplace_stock"."locked_quantity" >= 0),
	CONSTRAINT "marketplace_stock_buffer_check" CHECK ("marketplace_stock"."buffer" >= 0),
	CONSTRAINT "marketplace_stock_listed_check" CHECK ("marketplace_stock"."listed_quantity" is null or "marketplace_stock"."listed_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "marketplaces" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"base_url" text NOT NULL,
	"token_env" text NOT NULL,
	"country" text,
	"accept_policy" text DEFAULT 'when_in_stock' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marketplaces_code_unique" UNIQUE("code"),
	CONSTRAINT "marketplaces_provider_check" CHECK ("marketplaces"."provider" in ('backmarket', 'refurbed', 'simulator')),
	CONSTRAINT "marketplaces_accept_policy_check" CHECK ("marketplaces"."accept_policy" in ('when_in_stock', 'always', 'never')),
	CONSTRAINT "marketplaces_code_check" CHECK ("marketplaces"."code" ~ '^[a-z0-9][a-z0-9-]*$')
);
--> statement-breakpoint
CREATE TABLE "variations" (
	"id" serial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "variations_sku_unique" UNIQUE("sku"),
	CONSTRAINT "variations_sku_check" CHECK (length("variations"."sku") > 0)
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"variation_id" integer,
	"sku" text NOT NULL,
	"name" text,
	"quantity" integer NOT NULL,
	"unit_price" numeric(12, 2),
	"status" text NOT NULL,
	"marketplace_state" text NOT NULL,
	"care_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_items_order_external_key" UNIQUE("order_id","external_id"),
	CONSTRAINT "order_items_quantity_check" CHECK ("order_items"."quantity" > 0),
	CONSTRAINT "order_items_status_check" CHECK ("order_items"."status" in ('pending', 'new', 'accepted', 'shipped', 'cancelled', 'refunded'))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"marketplace_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"status" text NOT NULL,
	"marketplace_state" text NOT NULL,
	"currency" text,
	"total_amount" numeric(12, 2),
	"customer_name" text,
	"shipping_country" text,
	"label_url" text,
	"delivery_note_url" text,
	"tracking_number" text,
	"ordered_at" timestamp with time zone NOT NULL,
	"modified_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_marketplace_external_key" UNIQUE("marketplace_id","external_id"),
	CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('pending', 'new', 'accepted', 'shipped', 'cancelled', 'refunded', 'partial'))
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"order_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "marketplace_stock_locks" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_item_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"marketplace_id" integer NOT NULL,
	"variation_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'locked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consumed_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"release_reason" text,
	"released_by" text,
	CONSTRAINT "marketplace_stock_locks_order_item_key" UNIQUE("order_item_id"),
	CONSTRAINT "locks_quantity_check" CHECK ("marketplace_stock_locks"."quantity" > 0),
	CONSTRAINT "locks_status_check" CHECK ("marketplace_stock_locks"."status" in ('locked', 'consumed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"variation_id" integer NOT NULL,
	"marketplace_id" integer,
	"reason" text NOT NULL,
	"on_hand_delta" integer DEFAULT 0 NOT NULL,
	"locked_delta" integer DEFAULT 0 NOT NULL,
	"on_hand_after" integer NOT NULL,
	"locked_after" integer NOT NULL,
	"order_item_id" integer,
	"lock_id" integer,
	"sync_run_id" integer,
	"actor" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_reason_check" CHECK ("stock_movements"."reason" in ('lock', 'consume', 'release', 'manual', 'reconcile'))
);
--> statement-breakpoint
CREATE TABLE "stock_push_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"variation_id" integer NOT NULL,
	"marketplace_id" integer NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "stock_push_outbox_pair_key" UNIQUE("variation_id","marketplace_id")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"marketplace_id" integer,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"fetched" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	"locks" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error_details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb,
	"message" text,
	"high_water_mark" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "sync_runs_type_check" CHECK ("sync_runs"."type" in ('new', 'modified', 'care', 'incomplete', 'all', 'stock')),
	CONSTRAINT "sync_runs_trigger_check" CHECK ("sync_runs"."trigger" in ('cron', 'cli', 'button', 'queue')),
	CONSTRAINT "sync_runs_status_check" CHECK ("sync_runs"."status" in ('running', 'succeeded', 'partial', 'failed', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "marketplace_stock_locks_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "marketplace_stock_locks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "marketplace_stock_locks_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ADD CONSTRAINT "marketplace_stock_locks_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_lock_id_marketplace_stock_locks_id_fk" FOREIGN KEY ("lock_id") REFERENCES "public"."marketplace_stock_locks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_push_outbox" ADD CONSTRAINT "stock_push_outbox_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_push_outbox" ADD CONSTRAINT "stock_push_outbox_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketplace_stock_variation_idx" ON "marketplace_stock" USING btree ("variation_id");--> statement-breakpoint
CREATE INDEX "order_items_variation_idx" ON "order_items" USING btree ("variation_id");--> statement-breakpoint
CREATE INDEX "order_items_unmapped_sku_idx" ON "order_items" USING btree ("sku") WHERE "order_items"."variation_id" is null;--> statement-breakpoint
CREATE INDEX "orders_ordered_at_idx" ON "orders" USING btree ("ordered_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_marketplace_modified_idx" ON "orders" USING btree ("marketplace_id","modified_at");--> statement-breakpoint
CREATE INDEX "domain_events_order_idx" ON "domain_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "locks_variation_status_idx" ON "marketplace_stock_locks" USING btree ("variation_id","status");--> statement-breakpoint
CREATE INDEX "locks_marketplace_status_idx" ON "marketplace_stock_locks" USING btree ("marketplace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "locks_status_created_idx" ON "marketplace_stock_locks" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "locks_order_idx" ON "marketplace_stock_locks" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "stock_movements_variation_idx" ON "stock_movements" USING btree ("variation_id","id");--> statement-breakpoint
CREATE INDEX "stock_movements_order_item_idx" ON "stock_movements" USING btree ("order_item_id");--> statement-breakpoint
CREATE INDEX "stock_push_outbox_due_idx" ON "stock_push_outbox" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "sync_runs_marketplace_type_idx" ON "sync_runs" USING btree ("marketplace_id","type","started_at");--> statement-breakpoint
CREATE INDEX "sync_runs_started_idx" ON "sync_runs" USING btree ("started_at");