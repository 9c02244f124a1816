import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/app/_server/auth";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getListingPushHistory, PUSH_HISTORY_LIMIT } from "@/lib/queries/push-history";
import { settle } from "@/lib/queries/settle";
import { idParam } from "@/lib/validations/search-params";
import { PushStateCell } from "../_components/push-state-cell";
import { PushHistoryTable } from "./_components/push-history-table";

export const metadata: Metadata = { title: "Push history" };

/** `/v2/listing/[id]`: one listing (marketplace_stock.id), its push state and push history. */
export default async function ListingPushHistoryPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  await requirePageRole("viewer");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const db = await getDb();
  const result = await settle("push history", () => getListingPushHistory(db, id.data));
  if (!result.ok)
    return (
      <ErrorPanel title="The push history could not be loaded" message={result.error.message} />
    );
  if (!result.data) notFound();
  const { listing, attempts } = result.data;
  return (
    <>
      <p className="mb-1 text-xs">
        <Link
          href={`/v2/listing?variation=${listing.variationId}`}
          className="text-blue-700 hover:underline dark:text-blue-400"
        >
          ← Listing
        </Link>
      </p>
      <PageHeader
        title={`Push history: ${listing.sku} on ${listing.marketplaceCode}`}
        description={`${listing.name} · the last ${PUSH_HISTORY_LIMIT} push attempts (kept 90 days), newest first.`}
      />
      <section
        aria-label="Push state"
        className="mb-4 grid grid-cols-1 gap-x-6 gap-y-1 rounded border border-zinc-200 bg-white p-3 text-xs sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div>
          <p className="text-zinc-500 dark:text-zinc-400">Push</p>
          <PushStateCell row={listing} />
        </div>
        <div>
          <p className="text-zinc-500 dark:text-zinc-400">Last pushed quantity</p>
          <p className="tabular-nums">{listing.lastPushedQuantity ?? "—"}</p>
        </div>
      </section>
      <PushHistoryTable attempts={attempts} />
    </>
  );
}
