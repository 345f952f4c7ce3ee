import * as z from "zod";
import { OAuthError } from "../http/errors";
import { SCOPES, type Scope } from "../store/tokens";

const ScopeList = z.array(z.string());

function invalidScope(description: string): OAuthError {
  return new OAuthError(400, "invalid_scope", description);
}

/**
 * Bolt's docs, its Salesforce cartridge and its SDKs disagree on how scopes are joined, so all of these are
 * accepted: `a b`, `a+b` (a literal plus, i.e. `%2B` in the form), `a,b` and a JSON array string `["a","b"]`.
 */
export function parseScopes(raw: string): Scope[] {
  const text = raw.trim();
  let names: string[];
  if (text.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidScope("The scope JSON array is malformed.");
    }
    const list = ScopeList.safeParse(parsed);
    if (!list.success) throw invalidScope("The scope JSON array must hold strings.");
    names = list.data.map((name) => name.trim());
  } else {
    names = text.split(/[\s+,]+/);
  }
  names = names.filter(Boolean);
  if (names.length === 0) throw invalidScope("The request scope is empty.");
  const unknown = names.filter((name) => !(SCOPES as readonly string[]).includes(name));
  if (unknown.length) throw invalidScope(`Unknown scope: ${unknown.join(", ")}. Known scopes: ${SCOPES.join(", ")}.`);
  return [...new Set(names as Scope[])];
}
