import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { marketplaceList } from "@/lib/lists/marketplaces";
import { listMarketplaces } from "@/lib/queries/marketplace-list";
import { settle } from "@/lib/queries/settle";
import { MarketplacesTable } from "./_components/marketplaces-table";

export const metadata: Metadata = { title: "Marketplaces" };

export default async function MarketplacesPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePageRole("viewer");
  const canEdit = hasRole(user, "admin");
  const { values, invalid } = parseListParams(marketplaceList, await searchParams);
  const db = await getDb();
  const list = settle("marketplaces", () => listMarketplaces(db, values));
  return (
    <>
      <PageHeader
        title="Marketplaces"
        description="Marketplace accounts. Tokens live in environment variables, never in the database."
        actions={
          canEdit ? (
            <Link
              href="/marketplaces/new"
              className="rounded bg-blue-600 px-3 py-1.5 text-sm text-white hover:bg-blue-700"
            >
              Add marketplace
            </Link>
          ) : null
        }
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<DataTableSkeleton columns={9} rows={6} />}>
        <MarketplacesTable promise={list} canEdit={canEdit} />
      </Suspense>
    </>
  );
}
