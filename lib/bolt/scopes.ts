/** Bolt's OAuth scopes. A refreshed access token only ever carries `bolt.account.view`. */
export const SCOPE = {
  manage: "bolt.account.manage",
  view: "bolt.account.view",
  openid: "openid",
} as const;

/**
 * Splits a scope string the way Bolt writes it in the wild: space-separated (RFC 6749), `+`-joined
 * (Bolt's docs), or comma-separated. Empty parts are dropped and duplicates removed.
 */
export function scopeList(scope: string): string[] {
  return [...new Set(scope.split(/[\s+,]+/).filter(Boolean))];
}

/** Normalises to the space-separated form we store and send. */
export function normalizeScope(scope: string): string {
  return scopeList(scope).join(" ");
}

export function hasScope(scope: string, wanted: string): boolean {
  return scopeList(scope).includes(wanted);
}
