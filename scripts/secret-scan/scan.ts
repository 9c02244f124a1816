// Looks for secret values where they must never be: client bundles, database cells, server
// logs, audit rows. A hit names the secret and the place, never the value.

export interface Secret {
  /** What it is, e.g. `BETTER_AUTH_SECRET` or `password of admin@e2e.test`; safe to print. */
  name: string;
  value: string;
}

export const sourceKinds = ["client bundle", "database", "server log", "audit log"] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** One piece of text to search, and where it came from (a file, a log line, a table cell). */
export interface Source {
  kind: SourceKind;
  where: string;
  text: string;
}

export interface Hit {
  secret: string;
  kind: SourceKind;
  where: string;
  /** How it was written: as is, URL-encoded, base64. */
  form: string;
}

/** Shorter values would match by chance (and are not secrets worth the name). */
export const MIN_SECRET_LENGTH = 8;

function formsOf(value: string): [form: string, needle: string][] {
  const forms: [string, string][] = [
    ["as is", value],
    ["URL-encoded", encodeURIComponent(value)],
    ["base64", Buffer.from(value).toString("base64").replace(/=+$/, "")],
    ["base64url", Buffer.from(value).toString("base64url")],
  ];
  return forms.filter(([, needle], i) => forms.findIndex(([, n]) => n === needle) === i);
}

/** Every occurrence of every secret (in any of its forms) in the sources. */
export async function findSecrets(
  secrets: readonly Secret[],
  sources: Iterable<Source> | AsyncIterable<Source>,
): Promise<{ hits: Hit[]; scanned: Record<SourceKind, number> }> {
  for (const secret of secrets) {
    if (secret.value.length < MIN_SECRET_LENGTH) {
      throw new Error(`${secret.name} is shorter than ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const needles = secrets.flatMap((secret) =>
    formsOf(secret.value).map(([form, needle]) => ({ secret: secret.name, form, needle })),
  );
  const hits: Hit[] = [];
  const scanned = Object.fromEntries(sourceKinds.map((kind) => [kind, 0])) as Record<
    SourceKind,
    number
  >;
  for await (const source of sources) {
    scanned[source.kind] += 1;
    for (const { secret, form, needle } of needles) {
      if (source.text.includes(needle)) {
        hits.push({ secret, kind: source.kind, where: source.where, form });
      }
    }
  }
  return { hits, scanned };
}

/** A report line per hit; the secret's value is never part of it. */
export function describeHit(hit: Hit): string {
  return `${hit.secret} (${hit.form}) in ${hit.kind}: ${hit.where}`;
}
