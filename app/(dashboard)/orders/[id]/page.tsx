import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/app/_server/auth";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { orderStatusTone } from "@/components/ui/status-tones";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/auth/roles";
import { getOrderDetail } from "@/lib/queries/order-detail";
import { returnsOfOrder } from "@/lib/queries/returns";
import { settle } from "@/lib/queries/settle";
import { orderIdParam } from "@/lib/validations/orders";
import { OrderItemsTable } from "./_components/order-items-table";
import { OrderTimeline } from "./_components/order-timeline";
import { ResyncOrderButton } from "./_components/resync-order-button";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("viewer");
  const id = orderIdParam.safeParse((await params).id);
  if (!id.success) notFound();
  const db = await getDb();
  const result = await settle("order detail", () => getOrderDetail(db, id.data));
  if (!result.ok)
    return <ErrorPanel title="The order could not be loaded" message={result.error.message} />;
  if (!result.data) notFound();
  const { order, items, timeline } = result.data;
  const returns = await settle("order returns", () => returnsOfOrder(db, order.id));

  return (
    <>
      <p className="mb-1 text-xs">
        <Link href="/orders" className="text-blue-700 hover:underline dark:text-blue-400">
          ← Orders
        </Link>
      </p>
      <PageHeader
        title={`Order ${order.externalId}`}
        description={`${order.marketplaceName} (${order.marketplaceCode}) · internal id ${order.id}`}
        actions={hasRole(user, "operator") ? <ResyncOrderButton orderId={order.id} /> : null}
      />
      <section
        aria-label="Order"
        className="mb-4 grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-zinc-200 bg-white p-3 text-xs md:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Field label="Status">
          <Badge tone={orderStatusTone[order.status]}>{order.status}</Badge>{" "}
          <span className="text-zinc-500 dark:text-zinc-400">state {order.marketplaceState}</span>
        </Field>
        <Field label="Customer">
          {order.customerName ?? "—"} {order.shippingCountry ? `(${order.shippingCountry})` : ""}
        </Field>
        <Field label="Total">
          {order.totalAmount ?? "—"} {order.currency ?? ""}
        </Field>
        <Field label="Tracking">{order.trackingNumber ?? "—"}</Field>
        <Field label="Ordered">
          <DateTime value={order.orderedAt} />
        </Field>
        <Field label="Modified on marketplace">
          <DateTime value={order.modifiedAt} />
        </Field>
        <Field label="First seen">
          <DateTime value={order.firstSeenAt} />
        </Field>
        <Field label="Last synced">
          <DateTime value={order.lastSyncedAt} />
        </Field>
        <Field label="Shipping label">
          <DocumentLink href={order.labelUrl} label="Label (PDF)" />
        </Field>
        <Field label="Delivery note">
          <DocumentLink href={order.deliveryNoteUrl} label="Delivery note (PDF)" />
        </Field>
      </section>
      <h2 className="mb-1 text-sm font-semibold">Lines and locks</h2>
      <OrderItemsTable
        orderId={order.id}
        items={items}
        returns={returns.ok ? returns.data : null}
        canRelease={hasRole(user, "admin")}
        canRecordReturn={hasRole(user, "operator")}
      />
      <h2 className="mt-4 mb-1 text-sm font-semibold">Timeline</h2>
      <OrderTimeline entries={timeline} />
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="text-zinc-500 dark:text-zinc-400">{label}</p>
      <div>{children}</div>
    </div>
  );
}

function DocumentLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return <span className="text-amber-700 dark:text-amber-400">missing</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      className="text-blue-700 hover:underline dark:text-blue-400"
    >
      {label}
    </a>
  );
}
