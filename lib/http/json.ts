/** Never cached: they carry session state (RFC 6749 §5.1). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** A machine code for the page's logic, and words it can show as they are. */
export function jsonError(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { error, message }, headers);
}
