import Link from "next/link";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { requirePageRole } from "@/app/_server/auth";
import { hasRole } from "@/lib/auth/roles";

export default async function HomePage() {
  const user = await requirePageRole("viewer");
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Stocklock</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Marketplace order sync and stock locks: every unit sold on one marketplace is locked at
        once, so no other marketplace sells it again.
      </p>
      <p className="mt-6 text-sm">
        Signed in as <span className="font-medium">{user.email}</span> ({user.role}).{" "}
        <SignOutButton />
      </p>
      <nav className="mt-8 flex gap-4 text-sm">
        <Link className="underline" href="/api/health">
          Health
        </Link>
        {hasRole(user, "admin") ? (
          <>
            <Link className="underline" href="/users">
              Users
            </Link>
            <Link className="underline" href="/audit">
              Audit log
            </Link>
          </>
        ) : null}
      </nav>
    </main>
  );
}
