"use client";

import type { ReactNode } from "react";
import { ModalForm } from "./modal-form";

/** A modal confirmation (ModalForm): the body holds the form fields; confirming submits them. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: (form: FormData) => void;
  onClose: () => void;
}) {
  return (
    <ModalForm
      open={open}
      title={title}
      error={error}
      submit={{ label: pending ? pendingLabel : confirmLabel, tone: "danger", disabled: pending }}
      onSubmit={onConfirm}
      onClose={onClose}
    >
      {children}
    </ModalForm>
  );
}
