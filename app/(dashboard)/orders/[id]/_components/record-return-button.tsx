"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { createReturnAction } from "../../../returns/actions";

const field =
  "rounded border border-zinc-300 bg-white p-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-950";

/** Operator: records an expected return for a shipped line (a parcel no marketplace signalled). */
export function RecordReturnButton({
  orderId,
  orderItemId,
  line,
  sku,
  maxQuantity,
}: {
  orderId: number;
  orderItemId: number;
  line: string;
  sku: string;
  maxQuantity: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const dialog = useDialogAction(
    (form) =>
      createReturnAction({
        orderId,
        orderItemId,
        quantity: Number(form.get("quantity") ?? 1),
        note: String(form.get("note") ?? ""),
      }),
    (data) => {
      toast(`Return ${data.returnId} expected for line ${line}; stock unchanged.`, "success");
      router.refresh();
    },
  );

  return (
    <>
      <button
        type="button"
        className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
        aria-label={`Record a return for line ${line}`}
        onClick={dialog.show}
      >
        Record return
      </button>
      <ConfirmDialog
        open={dialog.open}
        title={`Record a return for line ${line}?`}
        confirmLabel="Record return"
        pendingLabel="Recording…"
        pending={dialog.pending}
        error={dialog.error}
        onConfirm={dialog.confirm}
        onClose={dialog.close}
      >
        <p className="text-zinc-600 dark:text-zinc-300">
          An expected return of <span className="font-mono">{sku}</span> appears on the Returns
          page. Stock changes only when it is received and restocked.
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Units
          <input
            name="quantity"
            type="number"
            min={1}
            max={maxQuantity}
            defaultValue={1}
            required
            className={field}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Note
          <input
            name="note"
            maxLength={500}
            placeholder="e.g. parcel returned by the carrier"
            className={field}
          />
        </label>
      </ConfirmDialog>
    </>
  );
}
