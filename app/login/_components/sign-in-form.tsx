"use client";

import { useActionState } from "react";
import { type SignInState, signIn } from "../actions";

const initialState: SignInState = { error: null, email: "" };

/**
 * Posts to the sign-in server action. Before hydration (or without JavaScript) the browser
 * submits the same form as a POST, so the password never ends up in a URL.
 */
export function SignInForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [state, action, pending] = useActionState(signIn, initialState);
  return (
    // React renders a server-action form with method="POST" (checked by e2e/sign-in-no-js.spec.ts).
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="next" value={next} />
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email || defaultEmail}
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
      {state.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
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
