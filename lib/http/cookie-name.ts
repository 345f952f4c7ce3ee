import type { Env } from "@/lib/env";

/**
 * `__Host-` + `name` when the store is served over https: the browser then refuses the cookie unless
 * it is Secure, Path=/ and has no Domain, so a sibling subdomain can't plant or overwrite it (cookie
 * tossing). Plain-http origins (local demos) can't use the prefix. Every cookie the store sets for a
 * shopper goes through here, so none of them is the weak link.
 */
export function cookieName(env: Pick<Env, "appOrigin" | "sessionCookieInsecure">, name: string): string {
  return env.appOrigin?.startsWith("https:") && !env.sessionCookieInsecure ? `__Host-${name}` : name;
}
