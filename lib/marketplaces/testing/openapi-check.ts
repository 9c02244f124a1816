// A small validator for the OpenAPI 3 / Swagger 2 schema subset the marketplace specs use
// ($ref, allOf/oneOf/anyOf, type, nullable/x-nullable, enum, properties, required, items,
// formats date-time/uuid/int64). Strict mode also reports properties the spec does not
// declare, except those a documented deviation allows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

type Schema = Record<string, unknown>;
export type Spec = Record<string, unknown>;

const specsDir = path.join(import.meta.dirname, "..", "specs");

export function loadBackMarketSpec(): Spec {
  return parseYaml(readFileSync(path.join(specsDir, "backmarket-openapi.yml"), "utf8")) as Spec;
}

export function loadRefurbedSpec(): Spec {
  return JSON.parse(
    readFileSync(path.join(specsDir, "refurbed-merchant-openapi.json"), "utf8"),
  ) as Spec;
}

/** The schema at a path of keys, e.g. ["paths", "/ws/orders", "get", "responses", "200", …]. */
export function schemaAt(spec: Spec, keys: string[]): Schema {
  let node: unknown = spec;
  for (const key of keys) {
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`spec has no ${keys.join(" → ")}`);
  }
  return node as Schema;
}

export interface CheckOptions {
  /** Report properties the schema does not declare. */
  strict?: boolean;
  /** Undeclared property names allowed per schema name (documented deviations). */
  allowedExtra?: Record<string, readonly string[]>;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every violation of `schema` by `value`, as "path: message" lines (empty when valid). */
export function checkAgainst(
  spec: Spec,
  schema: Schema,
  value: unknown,
  options: CheckOptions = {},
): string[] {
  const errors: string[] = [];
  visit(spec, schema, value, "$", errors, options, undefined);
  return errors;
}

function resolve(spec: Spec, schema: Schema): { schema: Schema; name?: string } {
  let current = schema;
  let name: string | undefined;
  while (typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`external $ref ${ref}`);
    const keys = ref.slice(2).split("/");
    name = keys.at(-1);
    current = schemaAt(spec, keys);
  }
  return { schema: current, name };
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function visit(
  spec: Spec,
  raw: Schema,
  value: unknown,
  at: string,
  errors: string[],
  options: CheckOptions,
  parentName: string | undefined,
): void {
  const { schema, name: refName } = resolve(spec, raw);
  const name = refName ?? parentName;
  if (value === null) {
    if (schema.nullable === true || schema["x-nullable"] === true) return;
    if (schema.type === undefined && !schema.allOf && !schema.oneOf && !schema.anyOf) return;
    errors.push(`${at}: null is not allowed`);
    return;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as Schema[])
      visit(spec, part, value, at, errors, { ...options, strict: false }, name);
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const choices = schema[key] as Schema[] | undefined;
    if (!choices) continue;
    const ok = choices.some(
      (choice) => checkAgainst(spec, choice, value, { ...options, strict: false }).length === 0,
    );
    if (!ok) errors.push(`${at}: matches none of ${key}`);
  }
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (type) {
    const fits = type === actual || (type === "number" && actual === "integer");
    if (!fits) {
      errors.push(`${at}: expected ${type}, got ${actual}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of the spec's enum values`);
  }
  if (typeof value === "string") {
    if (schema.format === "date-time" && !rfc3339.test(value))
      errors.push(`${at}: not an RFC 3339 date-time: ${value}`);
    if (schema.format === "uuid" && !uuid.test(value)) errors.push(`${at}: not a uuid: ${value}`);
    if (schema.format === "int64" && !/^-?\d+$/.test(value))
      errors.push(`${at}: not an int64 string: ${value}`);
  }
  if (actual === "array" && schema.items) {
    (value as unknown[]).forEach((item, index) => {
      visit(spec, schema.items as Schema, item, `${at}[${index}]`, errors, options, undefined);
    });
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in object)) errors.push(`${at}: missing required property ${key}`);
    }
    for (const [key, child] of Object.entries(object)) {
      const property = properties[key];
      if (property) visit(spec, property, child, `${at}.${key}`, errors, options, undefined);
      else if (
        options.strict &&
        schema.properties &&
        !(name && options.allowedExtra?.[name]?.includes(key))
      ) {
        errors.push(`${at}: property ${key} is not in the spec${name ? ` (${name})` : ""}`);
      }
    }
  }
}
