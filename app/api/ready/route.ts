import { checkReadiness } from "@/lib/lifecycle/readiness";

// Readiness, for a balancer or orchestrator: 200 while this instance can take orders, 503 naming what
// keeps it from them. It says nothing of the configuration. Liveness (the process answers) is /api/health.
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
