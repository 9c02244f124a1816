import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import { StatCard } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { returnCounts } from "@/lib/queries/returns";
import { settle } from "@/lib/queries/settle";

/** Returns and units per status, over every return (not the current filter). */
export async function ReturnSummaryCards() {
  const db = await getDb();
  const result = await settle("return counts", () => returnCounts(db));
  if (!result.ok) return <ErrorPanel title="Counts unavailable" message={result.error.message} />;
  const c = result.data;
  const card = (status: keyof typeof c, label: string, hint: string) => (
    <StatCard
      label={label}
      value={
        <Link href={`/returns?status=${status}`} className="hover:underline">
          {c[status].returns.toLocaleString("en")}
        </Link>
      }
      hint={`${c[status].units.toLocaleString("en")} ${c[status].units === 1 ? "unit" : "units"} · ${hint}`}
      tone={status === "received" && c.received.returns > 0 ? "warn" : "default"}
    />
  );
  return (
    <section aria-label="Summary" className="mb-3 grid grid-cols-2 gap-2 md:grid-cols-4">
      {card("expected", "Expected", "on their way, or maybe never")}
      {card("received", "Received", "to inspect: restock or write off")}
      {card("restocked", "Restocked", "back on hand")}
      {card("written_off", "Written off", "not back on hand")}
    </section>
  );
}
