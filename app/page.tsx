import Link from "next/link";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Stocklock</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Marketplace order sync and stock locks: every unit sold on one marketplace is locked at
        once, so no other marketplace sells it again.
      </p>
      <nav className="mt-8 flex gap-4 text-sm">
        <Link className="underline" href="/api/health">
          Health
        </Link>
      </nav>
    </main>
  );
}
