/**
 * The `next` parameter of /login, if it is a path on this site; "/" otherwise. Anything that a
 * browser could read as another origin (`//evil`, `/\evil`, `https://…`) is refused.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2_000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters (tabs, newlines) are dropped by URL parsers and can smuggle "//".
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return "/";
  }
  try {
    const url = new URL(next, "http://stocklock.invalid");
    if (url.origin !== "http://stocklock.invalid") return "/";
    if (url.pathname === "/login") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
