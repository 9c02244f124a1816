"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { callAction } from "@/components/ui/call-action";
import { useToast } from "@/components/ui/toast";
import type { ResyncOrderResult } from "@/lib/sync/resync-order";
import { resyncOrderAction } from "../actions";

function resyncMessage(result: ResyncOrderResult): string {
  if (result.outcome === "unchanged") {
    return `Order ${result.externalId} re-read from ${result.marketplace}: nothing changed.`;
  }
  const locks = [
    result.locksCreated ? `${result.locksCreated} locked` : null,
    result.locksConsumed ? `${result.locksConsumed} consumed` : null,
    result.locksCancelled ? `${result.locksCancelled} released` : null,
  ].filter(Boolean);
  return `Order ${result.externalId} updated from ${result.marketplace}: ${result.status}${
    locks.length ? `; locks ${locks.join(", ")}` : ""
  }.`;
}

/** Operator: re-reads this order from its marketplace now. */
export function ResyncOrderButton({ orderId }: { orderId: number }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={buttonClass.secondary}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await callAction(() => resyncOrderAction({ orderId }));
          if (!result.ok) {
            toast(`Resync failed: ${result.error.message}`, "error");
            return;
          }
          toast(resyncMessage(result.data), "success");
          router.refresh();
        })
      }
    >
      {pending ? "Resyncing…" : "Resync this order"}
    </button>
  );
}
