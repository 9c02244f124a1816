"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { callAction } from "@/components/ui/call-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { activateUserAction, deactivateUserAction } from "../actions";

/**
 * Admin: deactivates an account (its sessions end at once) or reactivates it, after a
 * confirmation. The server refuses the admin's own account and the last active admin.
 */
export function AccountStatusButton({
  userId,
  email,
  deactivated,
}: {
  userId: string;
  email: string;
  deactivated: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const verb = deactivated ? "Reactivate" : "Deactivate";

  function confirm() {
    startTransition(async () => {
      const result = await callAction(() =>
        deactivated ? activateUserAction({ userId }) : deactivateUserAction({ userId }),
      );
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setOpen(false);
      toast(deactivated ? `${email} can sign in again.` : `${email} is deactivated.`, "success");
      router.refresh();
    });
  }

  return (
    <>
      <button
        type="button"
        className={deactivated ? buttonClass.secondary : buttonClass.dangerSmall}
        aria-label={`${verb} ${email}`}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {verb}
      </button>
      <ConfirmDialog
        open={open}
        title={`${verb} ${email}?`}
        confirmLabel={verb}
        pendingLabel={deactivated ? "Reactivating…" : "Deactivating…"}
        pending={pending}
        error={error}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      >
        <p className="text-zinc-600 dark:text-zinc-300">
          {deactivated
            ? "They can sign in again with their current password."
            : "They are signed out everywhere at once and cannot sign in until an admin reactivates them. Their history stays in the audit log."}
        </p>
      </ConfirmDialog>
    </>
  );
}
