"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While runs are in progress or sync jobs wait for a worker, re-renders the page every few
 * seconds (live progress; a queued run appears as soon as a worker starts it).
 */
export function AutoRefresh({
  active,
  queued = 0,
  intervalMs = 3000,
}: {
  active: boolean;
  /** Sync jobs waiting for a worker. */
  queued?: number;
  intervalMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  if (!active) return null;
  const seconds = Math.round(intervalMs / 1000);
  return (
    <p role="status" className="mb-2 text-xs text-sky-700 dark:text-sky-300">
      {queued > 0
        ? `${queued} sync ${queued === 1 ? "job waits" : "jobs wait"} for a worker (npm run worker); this page refreshes every ${seconds} s.`
        : `A sync is running; this page refreshes every ${seconds} s.`}
    </p>
  );
}
