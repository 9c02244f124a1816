// Tells a run-ending failure from a single bad order: the database went away, the
// marketplace rejected the credentials, or the run was stopped (deadline, lost lock).
// Anything else is the order's own problem.
import { errorMessage, isDatabaseUnreachable, isUnauthorized } from "@/lib/failures";
import { isRunAborted } from "./run-abort";

export { errorMessage, isDatabaseUnreachable, isUnauthorized };

export function isFatal(error: unknown): boolean {
  return isDatabaseUnreachable(error) || isUnauthorized(error) || isRunAborted(error);
}
