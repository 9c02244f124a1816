import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { frameworkScripts } from "./first-load-js";

function distWith(manifest: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "first-load-js-"));
  writeFileSync(path.join(dir, "build-manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("frameworkScripts", () => {
  it("names the build's runtime files as the URL paths the browser requests", () => {
    const dir = distWith({
      polyfillFiles: ["static/chunks/polyfills.js"],
      rootMainFiles: ["static/chunks/webpack-1.js", "static/chunks/4bd1-2.js"],
    });
    expect(frameworkScripts(dir)).toEqual(
      new Set(["/_next/static/chunks/webpack-1.js", "/_next/static/chunks/4bd1-2.js"]),
    );
  });

  it("is undefined without a build, and refuses a manifest of another shape", () => {
    expect(frameworkScripts(mkdtempSync(path.join(os.tmpdir(), "first-load-js-")))).toBeUndefined();
    expect(() => frameworkScripts(distWith({ rootMainFiles: "webpack.js" }))).toThrow();
  });
});
