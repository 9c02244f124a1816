CREATE TABLE "stock_returns" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_item_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"marketplace_id" integer NOT NULL,
	"variation_id" integer,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'expected' NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"note" text,
	"restocked_variation_id" integer,
	"write_off_reason" text,
	"created_by" text,
	"received_at" timestamp with time zone,
	"received_by" text,
	"resolved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "stock_returns_quantity_check" CHECK ("stock_returns"."quantity" > 0),
	CONSTRAINT "stock_returns_status_check" CHECK ("stock_returns"."status" in ('expected', 'received', 'restocked', 'written_off')),
	CONSTRAINT "stock_returns_source_check" CHECK ("stock_returns"."source" in ('backmarket_refund_after_shipping', 'backmarket_care_return', 'refurbed_return', 'shopify_refund', 'manual')),
	CONSTRAINT "stock_returns_received_check" CHECK (("stock_returns"."status" = 'expected') = ("stock_returns"."received_at" is null) or "stock_returns"."status" = 'written_off'),
	CONSTRAINT "stock_returns_resolved_check" CHECK (("stock_returns"."status" in ('restocked', 'written_off')) = ("stock_returns"."resolved_at" is not null)),
	CONSTRAINT "stock_returns_restocked_check" CHECK (("stock_returns"."status" = 'restocked') = ("stock_returns"."restocked_variation_id" is not null)),
	CONSTRAINT "stock_returns_write_off_check" CHECK (("stock_returns"."status" = 'written_off') = ("stock_returns"."write_off_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_reason_check";--> statement-breakpoint
ALTER TABLE "stock_returns" ADD CONSTRAINT "stock_returns_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_returns" ADD CONSTRAINT "stock_returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_returns" ADD CONSTRAINT "stock_returns_marketplace_id_marketplaces_id_fk" FOREIGN KEY ("marketplace_id") REFERENCES "public"."marketplaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_returns" ADD CONSTRAINT "stock_returns_variation_id_variations_id_fk" FOREIGN KEY ("variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_returns" ADD CONSTRAINT "stock_returns_restocked_variation_id_variations_id_fk" FOREIGN KEY ("restocked_variation_id") REFERENCES "public"."variations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_returns_signal_key" ON "stock_returns" USING btree ("order_item_id","source","external_id") WHERE "stock_returns"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "stock_returns_order_item_idx" ON "stock_returns" USING btree ("order_item_id");--> statement-breakpoint
CREATE INDEX "stock_returns_status_created_idx" ON "stock_returns" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "stock_returns_marketplace_idx" ON "stock_returns" USING btree ("marketplace_id","created_at");--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_reason_check" CHECK ("stock_movements"."reason" in ('lock', 'consume', 'release', 'manual', 'reconcile', 'return'));