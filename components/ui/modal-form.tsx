"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { buttonClass } from "./button-styles";

/**
 * A form on a native modal <dialog>: the browser traps focus, Escape cancels, and focus returns
 * to the button that opened it. A title, the body, the error (an alert the form is described
 * by), then Cancel and the submit button.
 */
export function ModalForm({
  open,
  title,
  width = "md",
  error,
  submit,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  width?: "md" | "lg";
  error: string | null;
  submit: { label: string; tone: "primary" | "danger"; disabled: boolean };
  onSubmit: (form: FormData) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const errorId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={`m-auto w-full ${width === "lg" ? "max-w-lg" : "max-w-md"} rounded border border-zinc-300 bg-white p-4 text-sm text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(new FormData(event.currentTarget));
        }}
        aria-describedby={error ? errorId : undefined}
        className="flex flex-col gap-3"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children}
        {error ? (
          <p id={errorId} role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={buttonClass[submit.tone]} disabled={submit.disabled}>
            {submit.label}
          </button>
        </div>
      </form>
    </dialog>
  );
}
