// Button looks shared by the dashboard's actions (plain classes: no component needed).
const base =
  "inline-flex items-center gap-1 rounded px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 disabled:cursor-not-allowed disabled:opacity-50";

export const buttonClass = {
  primary: `${base} bg-blue-600 text-white hover:bg-blue-700`,
  secondary: `${base} border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`,
  danger: `${base} bg-red-600 text-white hover:bg-red-700`,
  /** Small, for a table cell. */
  dangerSmall:
    "rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
} as const;

export const selectClass =
  "h-8 rounded border border-zinc-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:bg-zinc-900";
