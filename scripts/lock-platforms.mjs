// The npm mirror this project is built with serves only linux-x64 builds of packages that
// ship per-platform binaries (biome, tailwind's oxide, esbuild, …), so `npm install` writes a
// lock file without the other platforms' optional entries and `npm ci` then refuses it.
// This adds those entries (version, optional, os/cpu from the package name) so the lock file
// is complete for every platform: run it after `npm install` changes package-lock.json.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const oses = [
  "android",
  "darwin",
  "linux",
  "win32",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const cpus = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "loong64",
  "mips64el",
  "ppc64",
  "riscv64",
  "s390x",
  "wasm32",
];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => oses.includes(p)) ?? (parts.includes("win32") ? "win32" : undefined);
  const cpu = parts.find((p) => cpus.includes(p) || p === "arm");
  const meta = {};
  if (os) meta.os = [os];
  if (cpu) meta.cpu = [cpu];
  if (parts.includes("musl")) meta.libc = ["musl"];
  else if (os === "linux" && (parts.includes("gnu") || parts.includes("gnueabihf")))
    meta.libc = ["glibc"];
  return meta;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const nested = `${base}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    const version = String(range).replace(/^[\^~=]/, "");
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const meta = platformOf(dep);
    if (!meta.os && !meta.cpu) continue; // not a platform build: leave it to npm
    packages[hoisted] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...meta,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
