import type { ReactNode } from "react";

export function StatCard({
  label,
  value,
  hint,
  tone = "default",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "default" | "warn" | "danger";
}) {
  const toneClass =
    tone === "danger"
      ? "border-red-300 dark:border-red-800"
      : tone === "warn"
        ? "border-amber-300 dark:border-amber-800"
        : "border-zinc-200 dark:border-zinc-800";
  return (
    <div className={`min-w-0 rounded border bg-white px-3 py-2 dark:bg-zinc-900 ${toneClass}`}>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{label}</p>
      <p className="text-xl font-semibold break-words tabular-nums">{value}</p>
      {hint ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</p> : null}
    </div>
  );
}

export function StatCardsSkeleton({ count }: { count: number }) {
  return (
    <div className="mb-3 grid animate-pulse grid-cols-2 gap-2 md:grid-cols-5" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className="h-16 rounded bg-zinc-200 dark:bg-zinc-800" />
      ))}
    </div>
  );
}
