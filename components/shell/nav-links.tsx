"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const navItems = [
  { href: "/orders", label: "Orders" },
  { href: "/v2/listing", label: "Listing" },
  { href: "/v2/stock-locks", label: "Stock locks" },
  { href: "/sync", label: "Sync" },
  { href: "/marketplaces", label: "Marketplaces" },
  { href: "/audit", label: "Audit" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5">
      {navItems.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
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
