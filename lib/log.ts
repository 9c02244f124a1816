import pino from "pino";
import { env } from "./env";

/**
 * Structured logs on stderr (stdout stays free for `--json` summaries). Child loggers carry
 * context: logger.child({ runId, marketplace, orderId }).
 */
export const logger = pino(
  {
    level: env().LOG_LEVEL ?? "info",
    base: undefined,
    redact: ["token", "*.token", "authorization", "*.authorization", "headers.authorization"],
  },
  pino.destination(2),
);

export type Logger = typeof logger;
