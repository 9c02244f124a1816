// Returns as the CLI lists them (the dashboard's list lives in lib/queries/returns.ts, behind
// "server-only"): newest first, by status.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { ReturnSource, ReturnStatus } from "@/lib/domain/returns";

export interface ReturnSummaryRow {
  id: number;
  status: ReturnStatus;
  source: ReturnSource;
  marketplace: string;
  order: string;
  line: string;
  sku: string;
  quantity: number;
  restockedSku: string | null;
  writeOffReason: string | null;
  note: string | null;
  createdAt: string;
}

export async function readReturns(
  db: Executor,
  options: { statuses: readonly ReturnStatus[]; limit: number },
): Promise<ReturnSummaryRow[]> {
  return queryRows<ReturnSummaryRow & Record<string, unknown>>(
    db,
    sql`select r.id, r.status, r.source, m.code as marketplace, o.external_id as "order",
          oi.external_id as line, oi.sku, r.quantity, rv.sku as "restockedSku",
          r.write_off_reason as "writeOffReason", r.note,
          to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from stock_returns r
        join orders o on o.id = r.order_id
        join order_items oi on oi.id = r.order_item_id
        join marketplaces m on m.id = r.marketplace_id
        left join variations rv on rv.id = r.restocked_variation_id
        where r.status in (select unnest(${`{${options.statuses.join(",")}}`}::text[]))
        order by r.created_at desc, r.id desc
        limit ${options.limit}`,
  );
}
