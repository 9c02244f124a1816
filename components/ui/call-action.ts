// Calls a server action from a client component: a network failure (or a server that did not
// answer) becomes an error result like any other, shown in a toast rather than an error page.
import type { ActionResult } from "@/lib/errors";

export async function callAction<T>(
  action: () => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  try {
    return await action();
  } catch {
    return {
      ok: false,
      error: {
        code: "unavailable",
        message: "The server did not answer. Reload the page to see whether it was done.",
      },
    };
  }
}
