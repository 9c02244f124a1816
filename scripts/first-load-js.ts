// The JavaScript a browser downloads on a cold first visit of each page (Next 16's `next build`
// no longer prints "First Load JS"): raw and gzip bytes of every script response, and how much
// of it is the framework's runtime (React and Next's router, the build manifest's
// `rootMainFiles`, loaded by every App Router page whatever the app does) against the app's own.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { z } from "zod";
import { chromiumArgs, chromiumPath } from "@/e2e/chromium";

export interface FirstLoadJs {
  path: string;
  scripts: number;
  rawKb: number;
  gzipKb: number;
  /** Of gzipKb, the framework runtime's (undefined when the build manifest was not read). */
  frameworkGzipKb?: number;
  /** Of gzipKb, the app's own code and the libraries it imports. */
  appGzipKb?: number;
}

const manifestSchema = z.object({ rootMainFiles: z.array(z.string()) });

/** The runtime files of the build in `distDir`, as URL paths; undefined without a build there. */
export function frameworkScripts(distDir = ".next"): Set<string> | undefined {
  const file = `${distDir}/build-manifest.json`;
  if (!existsSync(file)) return undefined;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return new Set(manifest.rootMainFiles.map((name) => `/_next/${name}`));
}

const kb = (bytes: number) => Math.round(bytes / 1024);

export async function measureFirstLoadJs(
  baseUrl: string,
  cookie: string,
  paths: string[],
  framework?: Set<string>,
): Promise<FirstLoadJs[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const url = new URL(baseUrl);
  const cookies = cookie.split("; ").map((pair) => {
    const [name, ...value] = pair.split("=");
    return { name: name ?? "", value: value.join("="), url: url.origin };
  });
  const results: FirstLoadJs[] = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const bodies: Promise<{ path: string; body: Buffer }>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        const scriptPath = new URL(response.url()).pathname;
        bodies.push(response.body().then((body) => ({ path: scriptPath, body })));
      });
      await page.goto(baseUrl + path, { waitUntil: "load" });
      const scripts = await Promise.all(bodies);
      let raw = 0;
      let gzip = 0;
      let frameworkGzip = 0;
      for (const script of scripts) {
        const size = gzipSync(script.body).byteLength;
        raw += script.body.byteLength;
        gzip += size;
        if (framework?.has(script.path)) frameworkGzip += size;
      }
      results.push({
        path,
        scripts: scripts.length,
        rawKb: kb(raw),
        gzipKb: kb(gzip),
        ...(framework
          ? { frameworkGzipKb: kb(frameworkGzip), appGzipKb: kb(gzip - frameworkGzip) }
          : {}),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
