// The shape of the code (DESIGN.md "Shape"), enforced: `npm run lint` fails on any of these.
// Test files (*.test.ts) and the `testing/` helpers next to a module are integration harnesses:
// they may wire the whole application (lib/runtime) and check another module's invariants, so
// the rules that say which *production* code may meet which are relaxed for them where named
// (`pathNot: testCode`). Every other rule holds for them too.
const testCode = ["\\.test\\.tsx?$", "/testing/"];
const testFiles = ["\\.test\\.tsx?$"];
const ours = "^(app|lib|db|components|scripts|e2e)/|^(instrumentation|proxy)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "sync-not-to-stock",
      comment:
        "lib/sync and lib/stock meet only through lib/domain events on the bus lib/runtime wires. " +
        "(Sync's test files may check stock's invariants.)",
      severity: "error",
      from: { path: "^lib/sync/", pathNot: testFiles },
      to: { path: "^lib/stock/" },
    },
    {
      name: "stock-not-to-sync",
      comment: "lib/stock reacts to lib/domain events; it never calls or imports lib/sync.",
      severity: "error",
      from: { path: "^lib/stock/", pathNot: testFiles },
      to: { path: "^lib/sync/" },
    },
    {
      name: "marketplaces-not-to-db",
      comment: "lib/marketplaces is clients, zod schemas and mapping: no database.",
      severity: "error",
      from: { path: "^lib/marketplaces/" },
      to: { path: "^db/" },
    },
    {
      name: "marketplaces-not-to-stock",
      comment: "lib/marketplaces knows nothing of stock.",
      severity: "error",
      from: { path: "^lib/marketplaces/" },
      to: { path: "^lib/stock/" },
    },
    {
      name: "components-not-to-db",
      comment: "UI pieces take vocabularies from lib/domain, data from props.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^db/" },
    },
    {
      name: "db-only-to-domain",
      comment:
        "db/ (schema, migrations, client) imports nothing of lib/ but lib/domain (and lib/env, " +
        "the validated environment the client opens the database from; a leaf, see env-is-a-leaf).",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^lib/", pathNot: ["^lib/domain/", "^lib/env\\.ts$"] },
    },
    {
      name: "env-is-a-leaf",
      comment: "lib/env.ts parses process.env and imports nothing of ours (db/ may use it).",
      severity: "error",
      from: { path: "^lib/env\\.ts$" },
      to: { path: ours },
    },
    {
      name: "lib-not-to-next",
      comment:
        "The core runs under tests, the CLI, the cron route, actions and queue workers: no next/*.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "(^|/)node_modules/next/" },
    },
    {
      name: "lib-not-to-app",
      comment:
        "app/ calls lib/, never the other way round. (lib/queries/listing.test.ts checks the " +
        "listing page's push-state cell against the query's rows: test files are exempt.)",
      severity: "error",
      from: { path: "^lib/", pathNot: testFiles },
      to: { path: "^app/" },
    },
    {
      name: "domain-imports-nothing-of-ours",
      comment: "lib/domain is the ground floor: every module may import it, it imports none.",
      severity: "error",
      from: { path: "^lib/domain/" },
      to: { path: ours, pathNot: "^lib/domain/" },
    },
    {
      name: "push-not-to-sync",
      comment: "lib/push claims and sends what lib/stock marked; it does not know lib/sync.",
      severity: "error",
      from: { path: "^lib/push/" },
      to: { path: "^lib/sync/" },
    },
    {
      name: "runtime-only-from-entry-points",
      comment:
        "lib/runtime is the composition root: entry points (app/, scripts/, instrumentation) and " +
        "lib/jobs use it; the modules it wires never do. (Tests and testing/ helpers may.)",
      severity: "error",
      from: { path: "^lib/", pathNot: ["^lib/runtime/", "^lib/jobs/", ...testCode] },
      to: { path: "^lib/runtime/" },
    },
    {
      name: "runtime-not-to-jobs",
      comment: "lib/jobs schedules work through lib/runtime, so lib/runtime may not import it.",
      severity: "error",
      from: { path: "^lib/runtime/" },
      to: { path: "^lib/jobs/" },
    },
    {
      name: "jobs-through-runtime",
      comment: "lib/jobs runs syncs, pushes and stock work through lib/runtime only.",
      severity: "error",
      from: { path: "^lib/jobs/", pathNot: testCode },
      to: { path: "^lib/(stock|push)/" },
    },
    {
      name: "no-circular",
      comment:
        "No file depends on itself through others at run time. Type-only imports are erased by " +
        "the compiler and do not count (lib/sync/run-one.ts ⇄ run-sync.ts and the simulator's " +
        "control-api.ts ⇄ server.ts share types that way).",
      severity: "error",
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ["type-only"],
        viaOnly: { dependencyTypesNot: ["type-only"] },
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next|db/migrations)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
