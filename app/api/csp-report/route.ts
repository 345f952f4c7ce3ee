import { cspReportMethodNotAllowed, receiveCspReport } from "@/lib/http/csp-report";

// Where browsers send the pages' Content-Security-Policy violations. Thin: the logic is in lib/http.
export const POST = (request: Request) => receiveCspReport(request);

export const GET = cspReportMethodNotAllowed;
export const HEAD = cspReportMethodNotAllowed;
export const PUT = cspReportMethodNotAllowed;
export const PATCH = cspReportMethodNotAllowed;
export const DELETE = cspReportMethodNotAllowed;
