// How a CLI command ends on an error: bad arguments (a UsageError, or node:util parseArgs
// refusing a flag) print the error and the usage and exit 2; an AppError (refused by the
// system: not found, conflict…) prints its message and exits 1; anything else is a bug and is
// rethrown.
import { AppError } from "@/lib/errors";

/** The arguments are wrong: exit 2 with the usage. */
export class UsageError extends Error {}

export function exitCodeOf(error: unknown, usage: string): 1 | 2 {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`Error: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof AppError) {
    console.error(`Error: ${error.message}`);
    return 1;
  }
  throw error;
}
