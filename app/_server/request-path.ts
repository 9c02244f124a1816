/** Header in which proxy.ts passes the requested path (and query) on to pages. */
export const REQUEST_PATH_HEADER = "x-stocklock-path";
