"use client";

import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { callAction } from "@/components/ui/call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import { writeOffReasonHints } from "@/lib/domain/returns";
import type { ReturnRow } from "@/lib/queries/returns";
import { receiveReturnAction, restockReturnAction, writeOffReturnAction } from "../actions";

const small =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
const field =
  "rounded border border-zinc-300 bg-white p-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-950";

type Row = Pick<ReturnRow, "id" | "status" | "sku" | "quantity">;

/** What staff may do with one return, as far as their role goes (the server checks again). */
export function ReturnActionButtons({
  row,
  canReceive,
  canResolve,
}: {
  row: Row;
  canReceive: boolean;
  canResolve: boolean;
}) {
  const open = row.status === "expected" || row.status === "received";
  if (!open || !(canReceive || canResolve)) return <span className="text-zinc-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {row.status === "expected" && canReceive ? <ReceiveButton row={row} /> : null}
      {row.status === "received" && canResolve ? <RestockButton row={row} /> : null}
      {canResolve ? <WriteOffButton row={row} /> : null}
    </span>
  );
}

function useDone() {
  const router = useRouter();
  const toast = useToast();
  return (message: string) => {
    toast(message, "success");
    router.refresh();
  };
}

function ReceiveButton({ row }: { row: Row }) {
  const done = useDone();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={small}
      disabled={pending}
      aria-label={`Receive return ${row.id}`}
      onClick={() =>
        startTransition(async () => {
          const result = await callAction(() => receiveReturnAction({ returnId: row.id }));
          if (result.ok) done(`Return ${row.id} received: inspect it, then restock or write off.`);
          else toast(result.error.message, "error");
        })
      }
    >
      {pending ? "Receiving…" : "Receive"}
    </button>
  );
}

function RestockButton({ row }: { row: Row }) {
  const done = useDone();
  const units = `${row.quantity} ${row.quantity === 1 ? "unit" : "units"}`;
  const dialog = useDialogAction(
    (form) => restockReturnAction({ returnId: row.id, asSku: String(form.get("asSku") ?? "") }),
    (data) =>
      done(
        "onHand" in data
          ? `Restocked ${units} as ${data.sku}: on hand now ${data.onHand}; pushing to marketplaces.`
          : `Return ${row.id} restocked.`,
      ),
  );

  return (
    <>
      <button
        type="button"
        className={small}
        aria-label={`Restock return ${row.id}`}
        onClick={dialog.show}
      >
        Restock
      </button>
      <ConfirmDialog
        open={dialog.open}
        title={`Restock return ${row.id}?`}
        confirmLabel="Restock"
        pendingLabel="Restocking…"
        pending={dialog.pending}
        error={dialog.error}
        onConfirm={dialog.confirm}
        onClose={dialog.close}
      >
        <p className="text-zinc-600 dark:text-zinc-300">
          {units} go back on hand and are published on every marketplace at once. Sold as{" "}
          <span className="font-mono">{row.sku || "(no SKU)"}</span>; name another SKU to restock it
          regraded.
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Restock as SKU (empty: the SKU it was sold as)
          <input name="asSku" maxLength={200} placeholder={row.sku} className={field} />
        </label>
      </ConfirmDialog>
    </>
  );
}

function WriteOffButton({ row }: { row: Row }) {
  const done = useDone();
  const hintsId = useId();
  const dialog = useDialogAction(
    (form) => writeOffReturnAction({ returnId: row.id, reason: String(form.get("reason") ?? "") }),
    () => done(`Return ${row.id} written off; stock did not change.`),
  );

  return (
    <>
      <button
        type="button"
        className={buttonClass.dangerSmall}
        aria-label={`Write off return ${row.id}`}
        onClick={dialog.show}
      >
        Write off
      </button>
      <ConfirmDialog
        open={dialog.open}
        title={`Write off return ${row.id}?`}
        confirmLabel="Write off"
        pendingLabel="Writing off…"
        pending={dialog.pending}
        error={dialog.error}
        onConfirm={dialog.confirm}
        onClose={dialog.close}
      >
        <p className="text-zinc-600 dark:text-zinc-300">
          Nothing goes back on hand. A unit that turns up later can get a new return from its order.
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Reason (required)
          <input
            name="reason"
            required
            minLength={3}
            maxLength={500}
            list={hintsId}
            placeholder="e.g. never returned (customer kept it)"
            className={field}
          />
          <datalist id={hintsId}>
            {writeOffReasonHints.map((hint) => (
              <option key={hint} value={hint} />
            ))}
          </datalist>
        </label>
      </ConfirmDialog>
    </>
  );
}
