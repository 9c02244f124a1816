import "server-only";
import type { Executor } from "@/db/client";
import { iterateAuditEntries } from "@/lib/audit/query";
import { env } from "@/lib/env";
import { auditList } from "@/lib/lists/audit";
import type { AnyList, ListValues, RowOf } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { orderList } from "@/lib/lists/orders";
import { returnList } from "@/lib/lists/returns";
import { lockList } from "@/lib/lists/stock-locks";
import { syncRunList } from "@/lib/lists/sync-runs";
import { iterateListing } from "@/lib/queries/listing";
import { iterateOrders } from "@/lib/queries/orders";
import { iterateReturns } from "@/lib/queries/returns";
import { iterateLocks } from "@/lib/queries/stock-locks";
import { iterateSyncRuns } from "@/lib/queries/sync-runs";

/** A list spec (its URL parser, CSV columns and the role it needs) and its rows, in batches. */
export interface Exporter<L extends AnyList = AnyList> {
  list: L;
  rows: (db: Executor, search: ListValues<L>) => AsyncIterable<RowOf<L>[]>;
}

function exporter<L extends AnyList>(e: Exporter<L>): Exporter {
  return e as unknown as Exporter;
}

const all = [
  exporter({
    list: lockList,
    rows: (db, search) => iterateLocks(db, search, search.staleDays ?? env().STALE_LOCK_DAYS),
  }),
  exporter({ list: orderList, rows: iterateOrders }),
  exporter({ list: listingList, rows: iterateListing }),
  exporter({ list: syncRunList, rows: iterateSyncRuns }),
  exporter({ list: returnList, rows: iterateReturns }),
  exporter({ list: auditList, rows: iterateAuditEntries }),
];

/** The lists that can be exported, by `/api/export/<name>`: the URL's filters and sort, every page. */
export const exporters: ReadonlyMap<string, Exporter> = new Map(
  all.flatMap((e) => (e.list.export ? [[e.list.export.name, e] as const] : [])),
);
