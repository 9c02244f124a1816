import Link from "next/link";
import { dotClass, syncStatusTone } from "@/components/ui/status-tones";
import type { MarketplaceHealth } from "@/lib/queries/marketplaces";

/** One dot per marketplace, coloured by its last sync run's status. */
export function MarketplaceHealthList({ marketplaces }: { marketplaces: MarketplaceHealth[] }) {
  if (marketplaces.length === 0) {
    return <p className="px-2 text-xs text-zinc-600 dark:text-zinc-400">No marketplaces yet.</p>;
  }
  return (
    <ul className="flex flex-col gap-0.5">
      {marketplaces.map((m) => {
        const status = m.lastStatus ?? "never synced";
        const tone = m.lastStatus ? syncStatusTone[m.lastStatus] : "zinc";
        return (
          <li key={m.id}>
            <Link
              href={`/sync?marketplace=${m.id}`}
              className="flex items-center gap-2 rounded px-2 py-1 text-xs text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-zinc-400 dark:hover:bg-zinc-800/60"
              title={`${m.name}: last sync ${status}`}
            >
              <span aria-hidden className={`size-2 shrink-0 rounded-full ${dotClass[tone]}`} />
              <span className="truncate">{m.code}</span>
              <span className="sr-only">last sync {status}</span>
              {!m.active ? (
                <span className="ml-auto text-zinc-500 dark:text-zinc-400">off</span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
