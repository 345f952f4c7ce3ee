import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { jsonError } from "@/lib/http/json";
import { readCapped } from "@/lib/http/read-capped";
import { logSecurityEvent } from "@/lib/log/security-events";
import { clientIp, consume, RateLimitedError, rateLimitedResponse } from "@/lib/rate-limit";
import { KvUnavailableError } from "@/lib/kv";

const MAX_BODY_BYTES = 16 * 1024;
/** So a batch can't turn into a flood of log lines. */
const MAX_PER_REQUEST = 10;

const Text = z.string().max(4096);

/** `report-uri`'s format, which Firefox and Safari send. */
const LegacyReport = z.object({
  "csp-report": z.object({
    "effective-directive": Text.optional(),
    "violated-directive": Text.optional(),
    "blocked-uri": Text.optional(),
    "source-file": Text.optional(),
    disposition: Text.optional(),
  }),
});

/** The Reporting API's, which Chromium sends for `report-to`. */
const ReportingBatch = z
  .array(
    z.object({
      type: Text,
      body: z
        .object({
          effectiveDirective: Text.optional(),
          blockedURL: Text.optional(),
          sourceFile: Text.optional(),
          disposition: Text.optional(),
        })
        .optional(),
    }),
  )
  .max(100);

type Violation = Extract<Parameters<typeof logSecurityEvent>[0], { event: "csp_violation" }>;

const DIRECTIVE = /^[a-z][a-z-]{0,39}$/;
const KEYWORDS = new Set(["inline", "eval", "wasm-eval", "trusted-types-policy", "trusted-types-sink", "self"]);

/** Never a path or query: a page's URL can carry an order id. */
function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (KEYWORDS.has(value)) return value;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : url.protocol.replace(/:$/, "");
  } catch {
    return "other";
  }
}

function violation(
  directive: string | undefined,
  blocked: string | undefined,
  source: string | undefined,
  disposition: string | undefined,
): Violation {
  const name = directive?.trim().split(/\s+/)[0] ?? "";
  const sourceOrigin = originOf(source);
  return {
    event: "csp_violation",
    directive: DIRECTIVE.test(name) ? name : "other",
    blocked: originOf(blocked) ?? "unknown",
    ...(sourceOrigin ? { source: sourceOrigin } : {}),
    disposition: disposition === "report" ? "report" : "enforce",
  };
}

function parseViolations(type: string, body: unknown): Violation[] | undefined {
  if (type === "application/csp-report") {
    const report = LegacyReport.safeParse(body);
    if (!report.success) return undefined;
    const r = report.data["csp-report"];
    return [
      violation(r["effective-directive"] ?? r["violated-directive"], r["blocked-uri"], r["source-file"], r.disposition),
    ];
  }
  const batch = ReportingBatch.safeParse(body);
  if (!batch.success) return undefined;
  return batch.data
    .filter((report) => report.type === "csp-violation" && report.body)
    .map(({ body: r = {} }) => violation(r.effectiveDirective, r.blockedURL, r.sourceFile, r.disposition));
}

const ACCEPTED = new Set(["application/csp-report", "application/reports+json"]);

/** Anyone can post here: each violation logs names and origins, never the page's URL or a sample. */
export async function receiveCspReport(request: Request): Promise<Response> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!ACCEPTED.has(type)) {
    return jsonError(
      415,
      "unsupported_media_type",
      "Send a CSP report as application/csp-report or application/reports+json.",
    );
  }
  const declared = request.headers.get("content-length");
  const bytes =
    declared !== null && !(Number(declared) <= MAX_BODY_BYTES)
      ? undefined
      : await readCapped(request.body, MAX_BODY_BYTES);
  if (!bytes) return jsonError(413, "payload_too_large", "A CSP report is at most 16 KB.");
  let violations: Violation[] | undefined;
  try {
    violations = parseViolations(type, JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch {
    violations = undefined;
  }
  if (!violations) return jsonError(400, "invalid_report", "That is not a CSP violation report.");
  try {
    const ip = clientIp(request.headers, getEnv().trustedIpHeader);
    if (ip) await consume("cspReportsPerIp", ip, ip);
    await consume("cspReports", "all");
  } catch (error) {
    if (error instanceof RateLimitedError)
      return rateLimitedResponse(error, "Too many CSP reports; this one was dropped.");
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "CSP report limit", fallback: "reports dropped" });
    return jsonError(503, "report_unavailable", "CSP reports are briefly not accepted.", { "Retry-After": "5" });
  }
  for (const found of violations.slice(0, MAX_PER_REQUEST)) logSecurityEvent(found);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

export function cspReportMethodNotAllowed(): Response {
  return jsonError(405, "method_not_allowed", "Send CSP reports with POST.", { Allow: "POST" });
}
