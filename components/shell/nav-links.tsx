"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const navItems = [
  { href: "/", label: "Overview", adminOnly: false },
  { href: "/orders", label: "Orders", adminOnly: false },
  { href: "/v2/listing", label: "Listing", adminOnly: false },
  { href: "/v2/stock-locks", label: "Stock locks", adminOnly: false },
  { href: "/returns", label: "Returns", adminOnly: false },
  { href: "/sync", label: "Sync", adminOnly: false },
  { href: "/marketplaces", label: "Marketplaces", adminOnly: false },
  { href: "/audit", label: "Audit", adminOnly: true },
  { href: "/users", label: "Users", adminOnly: true },
] as const;

/** The main navigation; admin pages are listed for admins only (they are guarded anyway). */
export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5">
      {navItems
        .filter((item) => isAdmin || !item.adminOnly)
        .map((item) => {
          // "/" is active on the overview only (every path starts with it).
          const active =
            pathname === item.href || (item.href !== "/" && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-blue-500 ${
                  active
                    ? "bg-zinc-200 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                    : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800/60"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
