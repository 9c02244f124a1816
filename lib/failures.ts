// What kind of failure an error is, and its cause in one line: the database went away, the
// marketplace refused our credentials. Shared by lib/sync (run-ending failures) and lib/push
// (a push that fails for every listing).
import { pgError } from "@/db/client";
import { AppError } from "@/lib/errors";

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** The database cannot be reached (as opposed to refusing one statement). */
export function isDatabaseUnreachable(error: unknown): boolean {
  const pg = pgError(error);
  // Class 08: connection exception; 57P01-57P03: the server is shutting down or starting.
  if (pg) return pg.code.startsWith("08") || /^57P0[123]$/.test(pg.code);
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && connectionErrorCodes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The marketplace refused our credentials: every further call would be refused too. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof AppError && (error.code === "unauthorized" || error.code === "forbidden");
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const pg = pgError(error);
    if (pg) return `${pg.message} (${pg.code})`;
    // drizzle wraps a driver error in "Failed query: <the whole statement>"; the cause says why.
    if (error.message.startsWith("Failed query:") && error.cause) return errorMessage(error.cause);
    return error.message;
  }
  return String(error);
}
