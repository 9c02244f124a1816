// Cells more than one list renders: an order by its marketplace id, linked to its page; a SKU
// with its variation's name.
import Link from "next/link";

export function OrderLink({ orderId, externalId }: { orderId: number; externalId: string }) {
  return (
    <Link
      prefetch={false}
      className="text-blue-700 hover:underline dark:text-blue-400"
      href={`/orders/${orderId}`}
    >
      {externalId}
    </Link>
  );
}

/** The SKU in monospace, then the variation's name (or `missing` when it has none). */
export function SkuCell({
  sku,
  name,
  missing,
  minWidth,
}: {
  sku: string;
  name: string | null;
  missing: string;
  minWidth: "min-w-48" | "min-w-64";
}) {
  return (
    <span title={name ?? missing} className={`block ${minWidth}`}>
      <span className="font-mono text-xs whitespace-nowrap">{sku || "(no SKU)"}</span>{" "}
      <span className="text-zinc-600 dark:text-zinc-400">{name ?? missing}</span>
    </span>
  );
}
