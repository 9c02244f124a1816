import type { Metadata } from "next";
import { requirePageRole } from "@/app/_server/auth";
import { PageHeader } from "@/components/ui/page-header";
import { MarketplaceForm } from "../_components/marketplace-form";

export const metadata: Metadata = { title: "Add marketplace" };

export default async function NewMarketplacePage() {
  await requirePageRole("admin");
  return (
    <>
      <PageHeader
        title="Add marketplace"
        description="The connection is tested with the token from the named environment variable before anything is stored."
      />
      <MarketplaceForm />
    </>
  );
}
