import type { ReactNode } from "react";
import { currentUser } from "@/app/_server/auth";
import { Sidebar } from "@/components/shell/sidebar";
import { getDb } from "@/db/client";
import { listMarketplaceHealth } from "@/lib/queries/marketplaces";
import { settle } from "@/lib/queries/settle";

export const dynamic = "force-dynamic";

// Every page below checks the role itself (layouts are not re-run on client navigation);
// the layout only shows who is signed in. Below `md` the sidebar is a bar above the page.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [user, health] = await Promise.all([
    currentUser(),
    getDb().then((db) => settle("marketplace health", () => listMarketplaceHealth(db))),
  ]);
  return (
    <div className="min-h-screen md:flex">
      <Sidebar user={user} health={health} />
      <main className="min-w-0 flex-1 px-3 py-3 md:px-5 md:py-4">{children}</main>
    </div>
  );
}
