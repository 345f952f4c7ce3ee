// Validates emulator responses against Bolt's vendored OpenAPI document, referring into it rather than
// restating any schema.
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const SPEC_URL = new URL("../../openapi/bolt-api-v1.openapi.yaml", import.meta.url);

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>> };

const doc = parse(readFileSync(SPEC_URL, "utf8")) as Doc;
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;
addFormats(ajv);
// Non-standard formats the document uses; they say nothing ajv can check.
for (const format of ["float64", "int"]) ajv.addFormat(format, true);
ajv.addSchema(doc as object, "bolt");

/** JSON Pointer tokens inside a URI fragment: `~` and `/` escaped (RFC 6901), then percent-encoded. */
function pointer(...tokens: string[]): string {
  return tokens.map((token) => encodeURIComponent(token.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

const cache = new Map<string, ValidateFunction>();

function compiled(ref: string): ValidateFunction {
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  return validate;
}

/** The `$ref` of a documented response body: `bolt#/paths/…/responses/<status>/content/application~1json/schema`. */
export function responseSchemaRef(path: string, method: string, status: number): string {
  const response = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  if (!response) throw new Error(`The OpenAPI document declares no ${status} response for ${method} ${path}.`);
  const base = response.$ref
    ? `bolt${response.$ref}`
    : `bolt#/${pointer("paths", path, method.toLowerCase(), "responses", String(status))}`;
  return `${base}/${pointer("content", "application/json", "schema")}`;
}

export function componentSchemaRef(name: string): string {
  return `bolt#/${pointer("components", "schemas", name)}`;
}

/** Validation errors for `value` against the schema at `ref` (empty when it conforms). */
export function conformanceErrors(ref: string, value: unknown): string[] {
  const validate = compiled(ref);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
  );
}
