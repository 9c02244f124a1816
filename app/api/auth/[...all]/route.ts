import { getAuth } from "@/lib/auth/instance";

// better-auth's endpoints: sign-in, sign-out, session. Sign-up is disabled in lib/auth/auth.ts.
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export const GET = handle;
export const POST = handle;
