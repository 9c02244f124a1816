import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time,
  // and postgres.js/pg-boss are server-only drivers: keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg-boss", "pino", "pino-pretty"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
