import { hasRole } from "@/lib/auth/roles";
import type { MarketplaceHealth } from "@/lib/queries/marketplaces";
import type { QueryResult } from "@/lib/queries/settle";
import { MarketplaceHealthList } from "./marketplace-health";
import { NavLinks } from "./nav-links";
import { ShellMenu } from "./shell-menu";
import { ThemeToggle } from "./theme-toggle";
import { type ShellUser, UserSlot } from "./user-slot";

/** A column beside the page from `md` up; a bar with a menu above it on a phone. */
export function Sidebar({
  user,
  health,
}: {
  user: ShellUser | null;
  health: QueryResult<MarketplaceHealth[]>;
}) {
  return (
    <aside
      aria-label="Sidebar"
      className="flex flex-col border-b border-zinc-200 bg-white p-3 md:w-52 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <ShellMenu brand={<p className="px-2 text-base font-semibold tracking-tight">Stocklock</p>}>
        <nav aria-label="Main">
          <NavLinks isAdmin={hasRole(user, "admin")} />
        </nav>
        <section aria-labelledby="health-heading">
          <h2
            id="health-heading"
            className="mb-1 px-2 text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400"
          >
            Marketplaces
          </h2>
          {health.ok ? (
            <MarketplaceHealthList marketplaces={health.data} />
          ) : (
            <p role="alert" className="px-2 text-xs text-red-700 dark:text-red-400">
              Health unavailable: {health.error.message}
            </p>
          )}
        </section>
        <div className="mt-auto flex flex-col gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <UserSlot user={user} />
          <ThemeToggle />
        </div>
      </ShellMenu>
    </aside>
  );
}
