import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { auditOutcomes } from "@/db/schema";
import { type AuditFilters, auditFiltersSchema, listAuditEntries } from "@/lib/audit/query";

export const metadata: Metadata = { title: "Audit log" };

function pageHref(filters: AuditFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.action) params.set("action", filters.action);
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.pageSize !== 50) params.set("pageSize", String(filters.pageSize));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

function compact(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("admin");
  const filters = auditFiltersSchema.parse(await searchParams);
  const { rows, total } = await listAuditEntries(await getDb(), filters);
  const lastPage = Math.max(1, Math.ceil(total / filters.pageSize));

  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Who did what, when, with which input and result. Newest first.
      </p>

      <form method="get" action="/audit" className="mt-6 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          Action starts with
          <input
            name="action"
            defaultValue={filters.action}
            placeholder="e.g. auth."
            className="mt-1 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex flex-col">
          Who (email contains)
          <input
            name="actor"
            defaultValue={filters.actor}
            className="mt-1 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex flex-col">
          Outcome
          <select
            name="outcome"
            defaultValue={filters.outcome ?? ""}
            className="mt-1 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">any</option>
            {auditOutcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcome}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-zinc-400 px-3 py-1">
          Filter
        </button>
        <Link className="underline" href="/audit">
          Clear
        </Link>
      </form>

      <p className="mt-4 text-sm" aria-live="polite">
        {total} {total === 1 ? "entry" : "entries"}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              <th className="py-2 pr-4">When</th>
              <th className="py-2 pr-4">Who</th>
              <th className="py-2 pr-4">Action</th>
              <th className="py-2 pr-4">Target</th>
              <th className="py-2 pr-4">Outcome</th>
              <th className="py-2 pr-4">Input</th>
              <th className="py-2 pr-4">Result</th>
              <th className="py-2 pr-4">IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="py-6 text-zinc-500">
                  No entries match.
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr
                  key={row.id}
                  className="border-b border-zinc-200 align-top dark:border-zinc-800"
                >
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <time dateTime={row.createdAt.toISOString()}>
                      {row.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                    </time>
                  </td>
                  <td className="py-2 pr-4">{row.actorEmail ?? "system"}</td>
                  <td className="py-2 pr-4 font-mono">{row.action}</td>
                  <td className="py-2 pr-4 font-mono">{row.target}</td>
                  <td className="py-2 pr-4">{row.outcome}</td>
                  <td className="max-w-xs py-2 pr-4 font-mono text-xs break-all">
                    {compact(row.input)}
                  </td>
                  <td className="max-w-xs py-2 pr-4 font-mono text-xs break-all">
                    {compact(row.result)}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{row.ip}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav className="mt-4 flex gap-4 text-sm" aria-label="Pages">
        {filters.page > 1 ? <Link href={pageHref(filters, filters.page - 1)}>Previous</Link> : null}
        <span>
          Page {filters.page} of {lastPage}
        </span>
        {filters.page < lastPage ? (
          <Link href={pageHref(filters, filters.page + 1)}>Next</Link>
        ) : null}
      </nav>
    </main>
  );
}
