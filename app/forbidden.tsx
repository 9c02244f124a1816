import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Your role does not give access to this page. Ask an admin if you need it.
      </p>
      <Link className="mt-6 inline-block text-sm underline" href="/">
        Back to the dashboard
      </Link>
    </main>
  );
}
