import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used (migrations are committed SQL); it needs no connection.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
