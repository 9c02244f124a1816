// npm run dev — the dashboard at http://localhost:3000 on the embedded database (unless
// DATABASE_URL is set), in demo mode.
import { spawn } from "node:child_process";

const child = spawn("npx", ["next", "dev", "--port", process.env.PORT ?? "3000"], {
  stdio: "inherit",
  env: { ...process.env, DEMO_MODE: process.env.DEMO_MODE ?? "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code) => process.exit(code ?? 0));
