import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { orderList } from "@/lib/lists/orders";
import { marketplaceFilterOptions } from "@/lib/queries/marketplaces";
import { listOrders } from "@/lib/queries/orders";
import { settle } from "@/lib/queries/settle";
import { OrdersTable } from "./_components/orders-table";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePageRole("viewer");
  const { values, invalid } = parseListParams(orderList, await searchParams);
  const db = await getDb();
  const orders = settle("orders", () => listOrders(db, values));
  const marketplaces = await marketplaceFilterOptions(db);
  return (
    <>
      <PageHeader title="Orders" description="Marketplace orders as last synced." />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<DataTableSkeleton columns={10} />}>
        <OrdersTable promise={orders} marketplaces={marketplaces} />
      </Suspense>
    </>
  );
}
