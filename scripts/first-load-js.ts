// The JavaScript a browser downloads on a cold first visit of each page (Next 16's `next build`
// no longer prints "First Load JS"): raw and gzip bytes of every script response.
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "@/e2e/chromium";

export interface FirstLoadJs {
  path: string;
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

export async function measureFirstLoadJs(
  baseUrl: string,
  cookie: string,
  paths: string[],
): Promise<FirstLoadJs[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const url = new URL(baseUrl);
  const cookies = cookie.split("; ").map((pair) => {
    const [name, ...value] = pair.split("=");
    return { name: name ?? "", value: value.join("="), domain: url.hostname, path: "/" };
  });
  const results: FirstLoadJs[] = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body());
      });
      await page.goto(baseUrl + path, { waitUntil: "load" });
      const scripts = await Promise.all(bodies);
      const raw = scripts.reduce((sum, body) => sum + body.byteLength, 0);
      const gzip = scripts.reduce((sum, body) => sum + gzipSync(body).byteLength, 0);
      results.push({
        path,
        scripts: scripts.length,
        rawKb: Math.round(raw / 1024),
        gzipKb: Math.round(gzip / 1024),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
