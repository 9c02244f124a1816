import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{app,lib,db,components,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["./db/testing/global-setup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `server-only` throws outside React Server Components; tests import query modules directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "db/testing/server-only-stub.ts") },
  },
});
