ALTER TABLE "marketplace_stock" ADD COLUMN "push_claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_stock" ADD COLUMN "push_claim_token" text;