CREATE TABLE "lock_totals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"marketplace_id" integer NOT NULL,
	"status" text NOT NULL,
	"locks" bigint NOT NULL,
	"units" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lock_totals_group_idx" ON "lock_totals" USING btree ("marketplace_id","status");--> statement-breakpoint
-- Every statement that changes locks appends its net change per (marketplace, status).
CREATE FUNCTION "lock_totals_follow_locks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "lock_totals" ("marketplace_id", "status", "locks", "units")
      SELECT "marketplace_id", "status", count(*), sum("quantity") FROM "new_rows" GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "lock_totals" ("marketplace_id", "status", "locks", "units")
      SELECT "marketplace_id", "status", -count(*), -sum("quantity") FROM "old_rows" GROUP BY 1, 2;
  ELSE
    INSERT INTO "lock_totals" ("marketplace_id", "status", "locks", "units")
      SELECT "marketplace_id", "status", sum("locks"), sum("units")
      FROM (
        SELECT "marketplace_id", "status", 1 AS "locks", "quantity" AS "units" FROM "new_rows"
        UNION ALL
        SELECT "marketplace_id", "status", -1, -"quantity" FROM "old_rows"
      ) AS "changes"
      GROUP BY 1, 2
      HAVING sum("locks") <> 0 OR sum("units") <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "lock_totals_insert" AFTER INSERT ON "marketplace_stock_locks"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "lock_totals_follow_locks"();
--> statement-breakpoint
CREATE TRIGGER "lock_totals_update" AFTER UPDATE ON "marketplace_stock_locks"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "lock_totals_follow_locks"();
--> statement-breakpoint
CREATE TRIGGER "lock_totals_delete" AFTER DELETE ON "marketplace_stock_locks"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "lock_totals_follow_locks"();
--> statement-breakpoint
CREATE FUNCTION "lock_totals_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "lock_totals";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "lock_totals_truncate" AFTER TRUNCATE ON "marketplace_stock_locks"
  FOR EACH STATEMENT EXECUTE FUNCTION "lock_totals_clear"();
--> statement-breakpoint
-- ALWAYS: they fire under session_replication_role = replica too (the large seed sets it to
-- skip foreign-key checks); lock_totals must follow every change of the locks.
ALTER TABLE "marketplace_stock_locks" ENABLE ALWAYS TRIGGER "lock_totals_insert";
--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ENABLE ALWAYS TRIGGER "lock_totals_update";
--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ENABLE ALWAYS TRIGGER "lock_totals_delete";
--> statement-breakpoint
ALTER TABLE "marketplace_stock_locks" ENABLE ALWAYS TRIGGER "lock_totals_truncate";
--> statement-breakpoint
INSERT INTO "lock_totals" ("marketplace_id", "status", "locks", "units")
  SELECT "marketplace_id", "status", count(*), sum("quantity") FROM "marketplace_stock_locks" GROUP BY 1, 2;
