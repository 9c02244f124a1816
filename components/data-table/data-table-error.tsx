"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** A failed query, shown as such (never as an empty table), with a retry. */
export function DataTableError({ message, code }: { message: string; code?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div
      role="alert"
      className="rounded border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-medium">The data could not be loaded.</p>
      <p className="mt-1 font-mono text-xs">
        {code ? `[${code}] ` : ""}
        {message}
      </p>
      <button
        type="button"
        disabled={pending}
        onClick={() => startTransition(() => router.refresh())}
        className="mt-2 rounded border border-red-400 px-2 py-1 text-xs hover:bg-red-100 disabled:opacity-50 dark:hover:bg-red-900"
      >
        {pending ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}
