/** A refreshed access token only ever carries `bolt.account.view`. */
export const SCOPE = {
  manage: "bolt.account.manage",
  view: "bolt.account.view",
  openid: "openid",
} as const;

/** Space-separated (RFC 6749), `+`-joined (Bolt's docs) or comma-separated, as Bolt writes it in the wild. */
export function scopeList(scope: string): string[] {
  return [...new Set(scope.split(/[\s+,]+/).filter(Boolean))];
}

export function normalizeScope(scope: string): string {
  return scopeList(scope).join(" ");
}

export function hasScope(scope: string, wanted: string): boolean {
  return scopeList(scope).includes(wanted);
}
