import { describe, expect, it } from "vitest";
import * as z from "zod";
import * as account from "./account";
import * as addressWire from "./address-wire";
import * as authorize from "./authorize";
import * as http from "./http";
import * as oauth from "./oauth";
import { REQUIRED_FIELDS } from "./required-fields";
import * as settlement from "./settlement";
import * as webhooks from "./webhooks";
import { resolve, specObject } from "./testing/openapi";

// Bolt's spec marks almost no response field as required. Our zod schemas may require more only
// where REQUIRED_FIELDS says why; this walks every schema we parse Bolt's answers with against the
// component it reads, property by property, nested objects and arrays included.

/** Each schema, and the spec component it parses. */
const WALKED: Array<[string, z.ZodObject, string]> = [
  ["WireTokenResponse", oauth.WireTokenResponse, "o_auth_token_response"],
  ["WireCodeExchange", oauth.WireCodeExchange, "o_auth_token_response"],
  ["WireAccount", account.WireAccount, "account_details"],
  ["WireAddress", addressWire.WireAddress, "account_details_address_view"],
  ["WireCard", account.WireCard, "saved_credit_card_view"],
  ["WireAuthorization", authorize.WireAuthorization, "i_authorize_result_view"],
  ["WireOAuthError", http.WireOAuthError, "errors_oauth_server_response"],
  ["WireApiError", http.WireApiError, "errors_bolt_api_response"],
  ["WireTransaction", settlement.WireTransaction, "transaction_details_view"],
  ["WireWebhook", webhooks.WireWebhook, "webhook"],
];

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };

/** The object (or array of objects) inside optional, nullable, default, catch and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as Def;
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  return inner ? unwrap(inner) : schema;
}

type SpecNode = Exclude<Parameters<typeof specObject>[0], string>;

/** "component.property" for every required field outside the spec's own `required` and REQUIRED_FIELDS. */
function walk(
  schema: z.ZodObject,
  spec: SpecNode | string,
  path: string,
  allowed: Set<string>,
  used: Set<string>,
): string[] {
  const node = specObject(spec);
  const component = node.name ?? path;
  const problems: string[] = [];
  for (const [key, property] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    const where = `${path}.${key}`;
    const specProperty = node.properties[key];
    if (!specProperty) {
      problems.push(`${where}: Bolt's spec has no such field in ${component}`);
      continue;
    }
    const required = !property.safeParse(undefined).success;
    if (required && !node.required.includes(key)) {
      const entry = `${component}.${key}`;
      if (allowed.has(entry)) used.add(entry);
      else problems.push(`${where}: required by us, optional in Bolt's spec (${entry}) and not in REQUIRED_FIELDS`);
    }
    const inner = unwrap(property);
    if (inner instanceof z.ZodObject) problems.push(...walk(inner, specProperty, where, allowed, used));
    if (inner instanceof z.ZodArray) {
      const element = unwrap(inner.element as z.ZodType);
      const { items } = resolve(specProperty);
      if (element instanceof z.ZodObject && items) problems.push(...walk(element, items, `${where}[]`, allowed, used));
    }
  }
  return problems;
}

const allowlist = new Set(
  Object.entries(REQUIRED_FIELDS).flatMap(([component, fields]) =>
    Object.keys(fields).map((key) => `${component}.${key}`),
  ),
);

describe("our schemas of Bolt's answers against Bolt's v1 spec", () => {
  const used = new Set<string>();

  it.each(WALKED)(
    "%s requires nothing the spec leaves optional, unless REQUIRED_FIELDS lists it",
    (name, schema, component) => {
      expect(walk(schema, component, name, allowlist, used)).toEqual([]);
    },
  );

  it("lists nothing in REQUIRED_FIELDS that no schema requires (the list stays exact)", () => {
    for (const [, schema, component] of WALKED) walk(schema, component, "", allowlist, used);
    expect([...allowlist].filter((entry) => !used.has(entry))).toEqual([]);
  });

  it("walks every Wire* schema lib/bolt exports", () => {
    const modules = { ...account, ...addressWire, ...authorize, ...http, ...oauth, ...settlement, ...webhooks };
    const exported = Object.entries(modules)
      .filter(([name, value]) => name.startsWith("Wire") && value instanceof z.ZodType)
      .map(([name]) => name);
    expect(exported.sort()).toEqual(WALKED.map(([name]) => name).sort());
  });

  it("catches a schema that requires a field the spec leaves optional, nested ones too", () => {
    const strict = z.object({ order_number: z.string(), transaction: z.object({ status: z.string() }).optional() });
    expect(walk(strict, "i_authorize_result_view", "Strict", allowlist, new Set())).toEqual([
      "Strict.order_number: required by us, optional in Bolt's spec (i_authorize_result_view.order_number) and not in REQUIRED_FIELDS",
      "Strict.transaction.status: required by us, optional in Bolt's spec (transaction_view.status) and not in REQUIRED_FIELDS",
    ]);
  });

  it("walks into arrays of objects", () => {
    const strict = z.object({ errors: z.array(z.object({ code: z.number() })).optional() });
    expect(walk(strict, "errors_bolt_api_response", "Strict", allowlist, new Set())).toEqual([
      "Strict.errors[].code: required by us, optional in Bolt's spec (error_bolt_api.code) and not in REQUIRED_FIELDS",
    ]);
  });

  it("catches a field name Bolt's spec does not have", () => {
    const typo = z.object({ ordernumber: z.string().optional() });
    expect(walk(typo, "i_authorize_result_view", "Typo", allowlist, new Set())).toEqual([
      "Typo.ordernumber: Bolt's spec has no such field in i_authorize_result_view",
    ]);
  });
});
