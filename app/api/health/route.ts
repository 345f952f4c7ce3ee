// Liveness: the process answers. Cheap, for the test runner and Playwright's webServer; whether the
// instance can take orders is /api/ready.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
