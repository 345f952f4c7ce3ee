/**
 * JSON answers of our own route handlers. Nothing they say may be cached: they carry session state
 * (RFC 6749 §5.1, OWASP session cheat sheet "Web Content Caching").
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** `{ error, message }`: a machine code for the page's logic and plain words it can show as they are. */
export function jsonError(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { error, message }, headers);
}
