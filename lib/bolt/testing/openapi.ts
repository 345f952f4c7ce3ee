import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";

// Bolt's v1 OpenAPI document as a test oracle: example bodies built from its own `example` values,
// and validation of the bodies we send against its request schemas.

type Schema = {
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  type?: string;
  enum?: unknown[];
  example?: unknown;
};

const spec = parse(readFileSync(createRequire(import.meta.url).resolve("bolt-emulator/openapi.yaml"), "utf8")) as {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, unknown>>;
};

/** A schema with its `$ref` followed (recursively); the rest of it as written. */
export function resolve(schema: Schema): Schema {
  const name = schema.$ref?.split("/").at(-1);
  return name ? resolve({ ...spec.components.schemas[name], ...schema, $ref: undefined }) : schema;
}

/**
 * An instance of a component schema made of the document's `example` values. An array of a
 * `oneOf` gets one element per variant (a card and a PayPal account, say).
 */
export function exampleOf(schema: Schema | string, name = "value"): unknown {
  const resolved = resolve(typeof schema === "string" ? { $ref: `#/components/schemas/${schema}` } : schema);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.allOf) return Object.assign({}, ...resolved.allOf.map((part) => exampleOf(part, name)));
  if (resolved.oneOf) return exampleOf(resolved.oneOf[0] ?? {}, name);
  if (resolved.properties) {
    return Object.fromEntries(Object.entries(resolved.properties).map(([key, value]) => [key, exampleOf(value, key)]));
  }
  if (resolved.type === "array" && resolved.items) {
    const items = resolve(resolved.items);
    return (items.oneOf ?? [items]).map((variant) => exampleOf(variant, name));
  }
  if (resolved.enum) return resolved.enum[0];
  return { boolean: true, integer: 1, number: 1 }[resolved.type ?? ""] ?? `${name}-example`;
}

/** A documented example of a path's request or response (`examples.<key>.value`). */
export function documentedExample(path: string, pointer: string[]): unknown {
  return pointer.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec.paths[path]);
}

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under ESM interop its function may sit on `default`.
((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule)(ajv);
for (const format of ["float64", "int", "int64"]) ajv.addFormat(format, true);
ajv.addSchema(spec as object, "bolt");

/** Where `value` breaks the component schema `name` (empty when it conforms). */
export function schemaViolations(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`bolt#/components/schemas/${name}`);
  if (!validate) throw new Error(`No schema ${name} in Bolt's OpenAPI document`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
}

/**
 * A component schema with `$ref`s and `allOf`s resolved one level: its own properties (each still
 * as written) and the union of the `required` lists. `name` is the component the schema came from.
 */
export function specObject(schema: Schema | string): {
  name?: string;
  properties: Record<string, Schema>;
  required: string[];
} {
  const ref = typeof schema === "string" ? `#/components/schemas/${schema}` : schema.$ref;
  const name = ref?.split("/").at(-1);
  const resolved = resolve(typeof schema === "string" ? { $ref: ref } : schema);
  const parts = [resolved, ...(resolved.allOf ?? []).map((part) => specObject(part))];
  return {
    name,
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: parts.flatMap((part) => part.required ?? []),
  };
}
