import { getAuth } from "@/lib/auth/instance";
import { authRouteHandler } from "@/lib/auth/route-handler";
import { env } from "@/lib/env";

// better-auth's endpoints: sign-in, sign-out, session. Sign-up is disabled in lib/auth/auth.ts.
async function handle(request: Request): Promise<Response> {
  return authRouteHandler(await getAuth(), env().TRUSTED_PROXY_HOPS)(request);
}

export const GET = handle;
export const POST = handle;
