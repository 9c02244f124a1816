import { pgError } from "@/db/client";
import { logger } from "@/lib/log";

/** A read that either produced data or failed with a message staff can read. */
export type QueryResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { message: string; code?: string } };

/**
 * Runs a page query and turns a failure into a value the page renders as an error state
 * (a thrown error would be redacted in production). The cause is logged, never dropped.
 */
export async function settle<T>(query: string, run: () => Promise<T>): Promise<QueryResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    logger.error({ err: error, query }, "page query failed");
    const database = pgError(error);
    if (database) {
      return { ok: false, error: { message: database.message, code: database.code } };
    }
    // drizzle wraps driver errors ("Failed query: …"); the cause says what went wrong.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const message = cause?.message ?? (error instanceof Error ? error.message : "");
    return { ok: false, error: { message: message || "The query failed." } };
  }
}
