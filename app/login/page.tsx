import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/app/_server/auth";
import { demoAdminCredentials } from "@/lib/auth/demo";
import { safeNextPath } from "@/lib/auth/next-path";
import { env } from "@/lib/env";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(typeof rawNext === "string" ? rawNext : null);
  if (await currentUser()) redirect(next);
  const demo = env().DEMO_MODE;

  return (
    <main className="mx-auto max-w-sm px-6 py-16">
      <h1 className="text-2xl font-semibold">Sign in to Stocklock</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Staff accounts only. Ask an admin for an account.
      </p>
      {demo ? (
        <section
          aria-label="Demo credentials"
          className="mt-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">Demo mode</p>
          <p>
            Email: <code>{demoAdminCredentials.email}</code>
            <br />
            Password: <code>{demoAdminCredentials.password}</code>
          </p>
        </section>
      ) : null}
      <SignInForm next={next} defaultEmail={demo ? demoAdminCredentials.email : undefined} />
    </main>
  );
}
