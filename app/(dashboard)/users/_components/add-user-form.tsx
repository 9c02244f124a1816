"use client";

import { useActionState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { roles } from "@/lib/auth/roles";
import { createUserAction } from "../actions";

const inputClass =
  "mt-1 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

export function AddUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  return (
    <form action={action} className="mt-4 flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col">
        Email
        <input name="email" type="email" required className={inputClass} />
      </label>
      <label className="flex flex-col">
        Name
        <input name="name" className={inputClass} />
      </label>
      <label className="flex flex-col">
        Role
        <select name="role" defaultValue="viewer" className={inputClass}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        Initial password
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          className={inputClass}
        />
      </label>
      <button type="submit" disabled={pending} className="rounded border border-zinc-400 px-3 py-1">
        {pending ? "Adding…" : "Add user"}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {state.error.message}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="w-full">
          Added {state.data.email}.
        </p>
      ) : null}
    </form>
  );
}
