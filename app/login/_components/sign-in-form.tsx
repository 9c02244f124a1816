"use client";

import { type FormEvent, useState } from "react";

type Status = { kind: "idle" } | { kind: "pending" } | { kind: "error"; message: string };

function messageFor(status: number, body: { message?: string } | null): string {
  if (status === 401) return "Wrong email or password.";
  if (status === 429) return body?.message ?? "Too many attempts. Wait a minute and try again.";
  if (status === 400) return "Enter a valid email address and your password.";
  return "Sign-in is not available right now. Try again in a moment.";
}

/** Posts to better-auth's sign-in endpoint; on success loads `next` with the new cookie. */
export function SignInForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus({ kind: "pending" });
    const response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      }),
    }).catch(() => null);
    if (response?.ok) {
      // A full load, so every server component renders with the new session.
      window.location.assign(next);
      return;
    }
    const body = response
      ? ((await response.json().catch(() => null)) as { message?: string } | null)
      : null;
    setStatus({ kind: "error", message: messageFor(response?.status ?? 0, body) });
  }

  const pending = status.kind === "pending";
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate={false}>
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={defaultEmail}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      {status.kind === "error" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {status.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-zinc-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
