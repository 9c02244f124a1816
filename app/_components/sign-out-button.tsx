"use client";

import { useState } from "react";

/** Ends the session (better-auth's sign-out endpoint) and goes to the sign-in page. */
export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    setFailed(false);
    // better-auth only accepts JSON bodies on cookie-carrying POSTs (a CSRF guard).
    const response = await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    if (response?.ok) {
      window.location.assign("/login");
      return;
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className={className ?? "text-sm underline disabled:opacity-50"}
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {failed ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          Sign-out failed; try again.
        </span>
      ) : null}
    </span>
  );
}
