// Audit inputs are stored as given, except anything that looks like a secret.

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential/i;
/**
 * Keys that hold the *name* of an environment variable (marketplaces.token_env), not its
 * value: the audit must say which variable an admin pointed a marketplace at.
 */
const VARIABLE_NAME_KEY = /^(token|secret)[-_]?env$/i;
const MAX_DEPTH = 6;
const MAX_STRING = 2_000;

/** A JSON-safe copy of `value` with secret-looking keys replaced by "[redacted]". */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof FormData) {
    return redactSecrets(Object.fromEntries(value.entries()), depth);
  }
  if (typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("$ACTION")) continue; // Next's server-action bookkeeping fields
      // A name is kept only while it looks like one (a token pasted into the field is not).
      const variableName =
        VARIABLE_NAME_KEY.test(key) &&
        typeof item === "string" &&
        /^[A-Z][A-Z0-9_]{0,99}$/.test(item);
      const secret = SECRET_KEY.test(key) && !variableName;
      copy[key] = secret ? "[redacted]" : redactSecrets(item, depth + 1);
    }
    return copy;
  }
  return String(value);
}
