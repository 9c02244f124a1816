import type { ReactNode } from "react";

/**
 * A wide table's frame: it scrolls sideways inside itself on a narrow screen (the page never
 * does), and it is a named region that takes keyboard focus so it can be scrolled without a
 * mouse. `className` adds to the frame (e.g. a pending state's opacity).
 */
export function ScrollRegion({
  label,
  busy,
  className = "",
  children,
}: {
  label: string;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={`${label} (scrollable)`}
      aria-busy={busy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={`relative overflow-x-auto rounded border border-zinc-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      {children}
    </section>
  );
}
