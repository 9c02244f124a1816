"use client";
// A dialog whose form runs a server action: open/close, the pending state, and the action's
// error shown in the dialog (the dialog closes and `onDone` runs only when the action succeeded).
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import { callAction } from "./call-action";

export function useDialogAction<T>(
  run: (form: FormData) => Promise<ActionResult<T>>,
  onDone: (data: T) => void,
) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return {
    open,
    error,
    pending,
    show: () => {
      setError(null);
      setOpen(true);
    },
    close: () => setOpen(false),
    confirm: (form: FormData) =>
      startTransition(async () => {
        const result = await callAction(() => run(form));
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        setOpen(false);
        onDone(result.data);
      }),
  };
}
