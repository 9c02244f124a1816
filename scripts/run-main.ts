// Every script's entry point: the exit code `main` returns, the shared database closed first;
// an error is printed on one line (prefixed by `label`) and exits 1.
import { closeDb } from "@/db/client";

export function runMain(main: () => Promise<number>, label = "Error"): void {
  main()
    .then(async (code) => {
      await closeDb().catch(() => {});
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      console.error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
