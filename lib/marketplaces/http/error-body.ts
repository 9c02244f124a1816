// What a failed marketplace answer may say to a person. Only a recognised marketplace error
// shape is shown, and only its code and a capped message: the base URL is typed by an admin,
// so the "marketplace" may be an internal service whose body holds secrets (a metadata
// endpoint's credentials, a config dump). Anything else is described, never echoed.
import { z } from "zod";

const MAX_MESSAGE = 160;

const errorCode = z.union([
  z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  z.number().int().min(0).max(1_000_000),
]);

/** A message as a person may see it: one line, no long key-like runs, capped. */
const errorMessage = z
  .string()
  .transform((text) =>
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is stripped
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/[A-Za-z0-9+/=_-]{32,}/g, "[…]")
      .replace(/\s+/g, " ")
      .trim(),
  )
  .transform((text) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text));

const entry = z.object({ code: errorCode, message: errorMessage.optional() });

/** Back Market: `{"error":{"code","message"},"requestId"}`. */
const backMarketError = z.object({ error: entry });
/** Back Market's CDN and some endpoints: `{"errors":[{"code","message"}]}`. */
const backMarketErrors = z.object({ errors: z.array(entry).min(1) });
/** Refurbed's gateway: google.rpc.Status `{"code":<int>,"message","details":[]}`. */
const rpcStatus = z.object({
  code: z.number().int().min(0).max(16),
  message: errorMessage,
  details: z.array(z.unknown()).optional(),
});

function describeEntry({ code, message }: z.output<typeof entry>): string {
  if (code === "bot-need-challenge") return "blocked by the CDN firewall (bot challenge)";
  return `${code} ${message ?? ""}`.trim();
}

/** The reason to show for an error body: a recognised error's code and message, or a label. */
export function describeErrorBody(text: string): string {
  if (text.trim() === "") return "(empty body)";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    // Not JSON: say what it looks like, never what it says.
    if (!(error instanceof SyntaxError)) throw error;
    if (/<html/i.test(text)) return "an HTML page (CDN or firewall)";
    return "a body that is not a marketplace error (not shown)";
  }
  const single = backMarketError.safeParse(body);
  if (single.success) return describeEntry(single.data.error);
  const list = backMarketErrors.safeParse(body);
  if (list.success && list.data.errors[0]) return describeEntry(list.data.errors[0]);
  const rpc = rpcStatus.safeParse(body);
  if (rpc.success) return rpc.data.message || `code ${rpc.data.code}`;
  return "a body that is not a marketplace error (not shown)";
}
