"use client";

import { useActionState } from "react";
import { type Role, roles } from "@/lib/auth/roles";
import { changeUserRoleAction } from "../actions";

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const [state, action, pending] = useActionState(changeUserRoleAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={`Role of ${email}`}
        className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded border border-zinc-400 px-2 py-1">
        {pending ? "Saving…" : "Save"}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {state.error.message}
        </span>
      ) : null}
      {state?.ok ? <span role="status">Saved</span> : null}
    </form>
  );
}
