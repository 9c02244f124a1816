"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Below the `md` breakpoint the sidebar's content folds behind a "Menu" button (a disclosure:
 * `aria-expanded`, Escape closes it and returns focus); from `md` up it is always shown and the
 * button is gone. The menu closes after a navigation.
 */
export function ShellMenu({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of the change
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <div className="flex items-center justify-between gap-2">
        {brand}
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="shell-menu"
          onClick={() => setOpen(!open)}
          className="inline-flex h-9 items-center gap-1.5 rounded border border-zinc-300 px-3 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <span aria-hidden>{open ? "✕" : "☰"}</span>
          Menu
        </button>
      </div>
      <div
        id="shell-menu"
        className={`${open ? "flex" : "hidden"} flex-1 flex-col gap-4 pt-3 md:flex`}
      >
        {children}
      </div>
    </>
  );
}
