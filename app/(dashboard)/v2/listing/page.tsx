import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/app/_server/auth";
import { SyncNowForm } from "@/app/(dashboard)/sync/_components/sync-now-form";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { InvalidParams } from "@/components/ui/invalid-params";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { parseListParams, type RawSearchParams } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { listListing } from "@/lib/queries/listing";
import { listActiveMarketplaceOptions, marketplaceFilterOptions } from "@/lib/queries/marketplaces";
import { settle } from "@/lib/queries/settle";
import { ListingTable } from "./_components/listing-table";

export const metadata: Metadata = { title: "Listing" };

export default async function ListingPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePageRole("viewer");
  const { values, invalid } = parseListParams(listingList, await searchParams);
  const db = await getDb();
  const listing = settle("listing", () => listListing(db, values));
  const [marketplaces, active] = await Promise.all([
    marketplaceFilterOptions(db),
    hasRole(user, "operator") ? listActiveMarketplaceOptions(db) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Listing"
        description="Each variation on each marketplace: available = on hand − locked (all marketplaces); publishable = 0 while available ≤ “zero at”, otherwise min(max, ⌊max(0, available − buffer) × share %⌋) — “why?” under each number shows the steps; drift = listed − publishable."
        actions={
          active ? (
            <SyncNowForm types={["stock"]} marketplaces={active} label="Sync stock now" />
          ) : null
        }
      />
      <InvalidParams invalid={invalid} />
      <Suspense fallback={<DataTableSkeleton columns={12} />}>
        <ListingTable
          promise={listing}
          marketplaces={marketplaces}
          canEdit={hasRole(user, "admin")}
        />
      </Suspense>
    </>
  );
}
