import type { ReactNode } from "react";
import { Sidebar } from "@/components/shell/sidebar";
import { getDb } from "@/db/client";
import { listMarketplaceHealth } from "@/lib/queries/marketplaces";
import { settle } from "@/lib/queries/settle";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const db = await getDb();
  const health = await settle("marketplace health", () => listMarketplaceHealth(db));
  return (
    <div className="flex min-h-screen">
      <Sidebar user={null} health={health} />
      <main className="min-w-0 flex-1 px-5 py-4">{children}</main>
    </div>
  );
}
