"use server";

// The sign-in form's action: a plain POST that works before the page's script has loaded, so
// the password travels only in a request body (never in a URL, a log or the audit log).
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "@/lib/auth/instance";
import { safeNextPath } from "@/lib/auth/next-path";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { withClientIpHeader } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";

export interface SignInState {
  error: string | null;
  email: string;
}

const signInSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().max(2_000).nullable(),
});

function messageFor(status: number, message: string): string {
  if (status === 401) return "Wrong email or password.";
  if (status === 429) return message || "Too many attempts. Wait a minute and try again.";
  if (status === 400) return "Enter a valid email address and your password.";
  return "Sign-in is not available right now. Try again in a moment.";
}

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    next: form.get("next"),
  });
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  if (!parsed.success) return { error: messageFor(400, ""), email };

  const requestHeaders = withClientIpHeader(await headers(), env().TRUSTED_PROXY_HOPS);
  const outcome = await signInWithPassword(await getAuth(), parsed.data, requestHeaders);
  if (!outcome.ok) {
    if (outcome.status >= 500) logger.error({ status: outcome.status }, "sign-in failed");
    return { error: messageFor(outcome.status, outcome.message), email };
  }
  const jar = await cookies();
  for (const cookie of outcome.cookies) jar.set(cookie.name, cookie.value, cookie.options);
  redirect(safeNextPath(parsed.data.next));
}
