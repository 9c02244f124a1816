"use client";

import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/ui/button-styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { releaseLockAction } from "../actions";

/** Admin: releases one active lock, with a required reason and a confirmation. */
export function ReleaseLockButton({
  orderId,
  lockId,
  line,
  sku,
  quantity,
}: {
  orderId: number;
  lockId: number;
  line: string;
  sku: string;
  quantity: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const units = `${quantity} ${quantity === 1 ? "unit" : "units"}`;
  const dialog = useDialogAction(
    (form) => releaseLockAction({ orderId, lockId, reason: String(form.get("reason") ?? "") }),
    (data) => {
      toast(
        `Lock released: ${units} of ${sku} are free again (available now ${data.available}).`,
        "success",
      );
      router.refresh();
    },
  );

  return (
    <>
      <button
        type="button"
        className={buttonClass.dangerSmall}
        aria-label={`Release lock of line ${line}`}
        onClick={dialog.show}
      >
        Release lock
      </button>
      <ConfirmDialog
        open={dialog.open}
        title={`Release the lock of line ${line}?`}
        confirmLabel="Release lock"
        pendingLabel="Releasing…"
        pending={dialog.pending}
        error={dialog.error}
        onConfirm={dialog.confirm}
        onClose={dialog.close}
      >
        <p className="text-zinc-600 dark:text-zinc-300">
          {units} of <span className="font-mono">{sku}</span> become available again and are
          published on every marketplace. A released lock does not come back by itself, even if the
          order goes on.
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Reason (required)
          <textarea
            name="reason"
            required
            minLength={3}
            maxLength={500}
            rows={3}
            placeholder="e.g. order cancelled by phone, customer refunded outside the marketplace"
            className="rounded border border-zinc-300 bg-white p-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
      </ConfirmDialog>
    </>
  );
}
