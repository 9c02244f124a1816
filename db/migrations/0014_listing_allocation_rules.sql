ALTER TABLE "marketplace_stock" ADD COLUMN "max_quantity" integer;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "share_percent" integer;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "zero_at_or_below" integer;--> statement-breakpoint
ALTER TABLE "marketplaces" ADD COLUMN "default_buffer" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "marketplaces" ADD COLUMN "default_max_quantity" integer;--> statement-breakpoint
ALTER TABLE "marketplaces" ADD COLUMN "default_share_percent" integer;--> statement-breakpoint
ALTER TABLE "marketplaces" ADD COLUMN "default_zero_at_or_below" integer;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_max_quantity_check" CHECK ("marketplace_stock"."max_quantity" is null or "marketplace_stock"."max_quantity" >= 0);--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_share_percent_check" CHECK ("marketplace_stock"."share_percent" is null or "marketplace_stock"."share_percent" between 1 and 100);--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD CONSTRAINT "marketplace_stock_zero_at_or_below_check" CHECK ("marketplace_stock"."zero_at_or_below" is null or "marketplace_stock"."zero_at_or_below" >= 0);--> statement-breakpoint
ALTER TABLE "marketplaces" ADD CONSTRAINT "marketplaces_default_buffer_check" CHECK ("marketplaces"."default_buffer" >= 0);--> statement-breakpoint
ALTER TABLE "marketplaces" ADD CONSTRAINT "marketplaces_default_max_quantity_check" CHECK ("marketplaces"."default_max_quantity" is null or "marketplaces"."default_max_quantity" >= 0);--> statement-breakpoint
ALTER TABLE "marketplaces" ADD CONSTRAINT "marketplaces_default_share_percent_check" CHECK ("marketplaces"."default_share_percent" is null or "marketplaces"."default_share_percent" between 1 and 100);--> statement-breakpoint
ALTER TABLE "marketplaces" ADD CONSTRAINT "marketplaces_default_zero_at_or_below_check" CHECK ("marketplaces"."default_zero_at_or_below" is null or "marketplaces"."default_zero_at_or_below" >= 0);