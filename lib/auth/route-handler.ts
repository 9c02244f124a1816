import { withClientIpHeader } from "@/lib/http/client-ip";
import type { Auth } from "./auth";

/**
 * better-auth's HTTP handler behind app/api/auth/[...all]: it reads the client address only
 * from the header set here (resolved with the trusted proxy hops), never from one a client sent.
 */
export function authRouteHandler(auth: Auth, trustedProxyHops: number) {
  return (request: Request): Promise<Response> => {
    const headers = withClientIpHeader(request.headers, trustedProxyHops);
    return auth.handler(new Request(request, { headers }));
  };
}
