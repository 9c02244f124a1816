// Test helpers: clients with near-zero throttle/retry delays, and a logger that keeps its lines.
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "@/lib/log";
import type { ClientTimings } from "../client-options";

/** Retries without waiting, a generous throttle, and a short timeout. */
export function fastTimings(overrides: Partial<ClientTimings> = {}): Partial<ClientTimings> {
  return {
    throttle: { intervalMs: 1_000, intervalCap: 10_000 },
    retry: {
      retries: 4,
      minTimeoutMs: 1,
      maxTimeoutMs: 5,
      factor: 2,
      randomize: true,
      maxRetryAfterMs: 50,
    },
    timeoutMs: 2_000,
    listingUpdates: { intervalMs: 1_000, intervalCap: 10_000 },
    ...overrides,
  };
}

/** A pino logger whose lines are kept in memory (as raw JSON text and parsed objects). */
export function captureLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = pino({ level: "debug", base: undefined }, stream) as unknown as Logger;
  return {
    logger,
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The value, or a test failure naming what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = "value"): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}
