// pretest: the browser tests need Chromium. Use CHROMIUM_PATH or /usr/bin/chromium; on a
// Debian/Ubuntu machine run as root, install Debian's chromium package when it is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "../e2e/chromium";

function main(): number {
  const found = chromiumPath();
  if (found) return 0;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium is missing: installing Debian's chromium package (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install =
      update.status === 0
        ? spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env })
        : update;
    if (install.status === 0 && chromiumPath()) return 0;
    console.error("Installing chromium with apt-get failed; see the output above.");
    return 1;
  }
  console.error(
    "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium; " +
      "elsewhere a Chromium or Chrome build) and set CHROMIUM_PATH to its executable if it is " +
      "not /usr/bin/chromium.",
  );
  return 1;
}

process.exit(main());
