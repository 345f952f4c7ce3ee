// A cheap readiness probe for the test runner and Playwright's webServer.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
