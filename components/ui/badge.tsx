import type { ReactNode } from "react";

export type BadgeTone = "green" | "amber" | "red" | "blue" | "zinc" | "violet";

const toneClass: Record<BadgeTone, string> = {
  green:
    "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-900/50 dark:text-emerald-200",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-900/50 dark:text-amber-200",
  red: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-900/50 dark:text-red-200",
  blue: "bg-sky-100 text-sky-800 ring-sky-600/30 dark:bg-sky-900/50 dark:text-sky-200",
  violet:
    "bg-violet-100 text-violet-800 ring-violet-600/30 dark:bg-violet-900/50 dark:text-violet-200",
  zinc: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300",
};

export function Badge({
  tone = "zinc",
  children,
  title,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${toneClass[tone]}`}
    >
      {children}
    </span>
  );
}
