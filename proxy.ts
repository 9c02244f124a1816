// Runs before every page and API request (Next 16's renamed middleware): the cheap, optimistic
// check that a session cookie is present. Pages, actions and route handlers still verify the
// session and the role against the database (app/_server/auth.ts).
import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/app/_server/request-path";
import { AUTH_COOKIE_PREFIX } from "@/lib/auth/config";
import { isPublicPath } from "@/lib/auth/public-paths";

export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });

  if (isPublicPath(pathname)) return next();
  if (getSessionCookie(request, { cookiePrefix: AUTH_COOKIE_PREFIX })) return next();
  // A server action answers "unauthorized" itself, in the shape its form understands.
  if (request.headers.has("next-action")) return next();
  if (pathname.startsWith("/api/")) {
    return Response.json(
      { error: { code: "unauthorized", message: "Sign in to continue." } },
      { status: 401 },
    );
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything except Next's static assets and files with an extension (favicon, images).
  matcher: ["/((?!_next/static|_next/image|.*\\.[a-zA-Z0-9]+$).*)"],
};
