import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/app/_server/auth";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { listingDefaultsOf } from "@/lib/marketplace-admin/listing-defaults";
import { webhookEndpoint } from "@/lib/marketplace-admin/shopify-webhooks";
import { getMarketplace } from "@/lib/queries/marketplace-list";
import { idParam } from "@/lib/validations/search-params";
import { ListingDefaultsForm } from "../_components/listing-defaults-form";
import { MarketplaceForm } from "../_components/marketplace-form";
import { ShopifyWebhooksForm } from "../_components/shopify-webhooks-form";

export const metadata: Metadata = { title: "Edit marketplace" };

export default async function EditMarketplacePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const marketplace = await getMarketplace(await getDb(), id.data);
  if (!marketplace) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${marketplace.name}`}
        description={`code ${marketplace.code} · id ${marketplace.id}`}
      />
      <MarketplaceForm initial={marketplace} />
      <h2 className="mt-8 mb-2 text-base font-semibold">Defaults for new listings</h2>
      <ListingDefaultsForm
        marketplaceId={marketplace.id}
        initial={listingDefaultsOf(marketplace)}
      />
      {marketplace.provider === "shopify" ? (
        <ShopifyWebhooksForm
          marketplaceId={marketplace.id}
          endpointPath={webhookEndpoint("", marketplace.code)}
          defaultPublicUrl={env().BETTER_AUTH_URL ?? ""}
        />
      ) : null}
    </>
  );
}
