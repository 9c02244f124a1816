"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While runs are in progress, re-renders the page every few seconds (live progress). */
export function AutoRefresh({
  active,
  intervalMs = 3000,
}: {
  active: boolean;
  intervalMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return active ? (
    <p role="status" className="mb-2 text-xs text-sky-700 dark:text-sky-300">
      A sync is running; this page refreshes every {Math.round(intervalMs / 1000)} s.
    </p>
  ) : null;
}
