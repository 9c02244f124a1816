// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp dir, started on a
// free loopback port, stopped (and its files removed) by stop(), also from exit/signal handlers.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export interface PgCluster {
  port: number;
  /** Connection URL for a database of this cluster (superuser `postgres`, trust auth). */
  url(database?: string): string;
  /**
   * Stops the server (fast shutdown: sessions are terminated), waits `downtimeMs`, starts it
   * again on the same port and data: what a database restart looks like to its clients.
   */
  restart(options?: { downtimeMs?: number }): Promise<void>;
  /** Stops the server and removes its files; safe to call twice. */
  stop(): void;
}

const INSTALL_HINT =
  "Integration tests need PostgreSQL: set TEST_DATABASE_URL to a server where the user may " +
  "CREATE DATABASE, or install the server binaries (Debian/Ubuntu: apt-get install -y postgresql; " +
  "macOS: brew install postgresql@15) so that initdb and pg_ctl are on PATH or in " +
  "/usr/lib/postgresql/<version>/bin.";

/** Finds the directory holding initdb and pg_ctl. */
export function findPgBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) {
      return dir;
    }
  }
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

/** PostgreSQL refuses to run as root: run its binaries as `postgres` (or nobody) then. */
function runAs(): { uid: number; gid: number; name: string } | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const id = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (id.status === 0 && gid.status === 0) {
      return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name };
    }
  }
  throw new Error(
    "Running as root, but there is no 'postgres' or 'nobody' user to run PostgreSQL as.",
  );
}

function run(bin: string, args: string[], user: ReturnType<typeof runAs>): void {
  const result = user
    ? spawnSync("runuser", ["-u", user.name, "--", bin, ...args], { encoding: "utf8" })
    : spawnSync(bin, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(bin)} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
  }
}

export async function startPgCluster(): Promise<PgCluster> {
  const binDir = findPgBinDir();
  if (!binDir) throw new Error(INSTALL_HINT);
  const user = runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), "stocklock-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(path.join(dataDir, "postmaster.pid"))) {
      const args = ["-D", dataDir, "-m", "immediate", "-w", "stop"];
      if (user) spawnSync("runuser", ["-u", user.name, "--", path.join(binDir, "pg_ctl"), ...args]);
      else spawnSync(path.join(binDir, "pg_ctl"), args);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const pgCtl = path.join(binDir, "pg_ctl");
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
    "-c shared_buffers=256MB",
  ].join(" ");
  const logFile = path.join(dir, "server.log");
  const startServer = () =>
    run(
      pgCtl,
      ["-D", dataDir, "-o", serverOptions, "-l", logFile, "-w", "-t", "60", "start"],
      user,
    );

  try {
    run(
      path.join(binDir, "initdb"),
      ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      user,
    );
    startServer();
  } catch (error) {
    stop();
    throw error;
  }

  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async restart(options = {}) {
      run(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"], user);
      await new Promise((resolve) => setTimeout(resolve, options.downtimeMs ?? 0));
      startServer();
    },
    stop,
  };
}
