/** Parses an exact origin (`scheme://host[:port]`, nothing else), or undefined. */
export function parseOrigin(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.origin === value ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Origins that may frame the login modal and call the session endpoints: any `http://localhost`,
 * `http://127.0.0.1` or `https://localhost` origin (any port), plus `BOLT_EMULATOR_ALLOWED_ORIGINS`.
 */
export function isAllowedOrigin(value: string, extra: readonly string[]): boolean {
  const url = parseOrigin(value);
  if (!url) return false;
  if (extra.includes(value)) return true;
  if (url.protocol === "http:") return url.hostname === "localhost" || url.hostname === "127.0.0.1";
  return url.protocol === "https:" && url.hostname === "localhost";
}

/** Whether `origin` is the emulator itself as this request reached it (same host and port, http or https). */
export function isSelfOrigin(origin: string | undefined, host: string | undefined): boolean {
  const url = origin ? parseOrigin(origin) : undefined;
  return Boolean(url && host && (url.protocol === "http:" || url.protocol === "https:") && url.host === host);
}
