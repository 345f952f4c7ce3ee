import type { Env } from "@/lib/env";

/** `__Host-` over https, so a sibling subdomain can't plant or overwrite the cookie; plain-http demos can't use it. */
export function cookieName(env: Pick<Env, "appOrigin" | "sessionCookieInsecure">, name: string): string {
  return env.appOrigin?.startsWith("https:") && !env.sessionCookieInsecure ? `__Host-${name}` : name;
}
