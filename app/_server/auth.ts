// Next-bound auth helpers for pages, server actions and route handlers. The decisions
// themselves (who is signed in, is the role enough) live in lib/auth.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "@/lib/auth/instance";
import type { Role } from "@/lib/auth/roles";
import { authorize, type StaffUser, staffUserFromHeaders } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";
import { REQUEST_PATH_HEADER } from "./request-path";

export type { Role } from "@/lib/auth/roles";
export type { StaffUser } from "@/lib/auth/session";

/** The signed-in staff member of this request, or null (read once per request). */
export const currentUser = cache(async (): Promise<StaffUser | null> => {
  return staffUserFromHeaders(await getAuth(), await headers());
});

/** The client's IP, counting only TRUSTED_PROXY_HOPS proxies (as sign-in does). */
export async function requestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers(), env().TRUSTED_PROXY_HOPS);
}

/**
 * For pages and layouts: signed out → redirect to /login?next=<this page>; role too low → the
 * 403 page (app/forbidden.tsx). Returns the user otherwise.
 */
export async function requirePageRole(role: Role): Promise<StaffUser> {
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  try {
    return authorize(user, role);
  } catch {
    forbidden();
  }
}

/**
 * For server actions: throws AppError("unauthorized" | "forbidden"), which the action turns
 * into its result with `toActionError(e)`.
 */
export async function requireActionRole(role: Role): Promise<StaffUser> {
  return authorize(await currentUser(), role);
}

type RouteHandler<Context> = (
  request: Request,
  context: Context & { user: StaffUser },
) => Promise<Response>;

/**
 * For route handlers: answers 401/403 JSON unless the caller's role is at least `role`; an
 * AppError thrown by the handler becomes its JSON error response.
 */
export function withRole<Context = unknown>(role: Role, handler: RouteHandler<Context>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const user = authorize(await staffUserFromHeaders(await getAuth(), request.headers), role);
      return await handler(request, { ...context, user });
    } catch (error) {
      if (!(error instanceof AppError)) {
        logger.error({ err: error, path: new URL(request.url).pathname }, "route handler failed");
      }
      return errorResponse(error);
    }
  };
}
