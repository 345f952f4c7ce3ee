import { jsonError } from "@/lib/http/json";
import { readCapped } from "@/lib/http/read-capped";
import { logSecurityEvent } from "@/lib/log/security-events";
import { errorFields, log } from "@/lib/log/logger";

export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RequestRejected";
  }
}

const FOREIGN = "This request must come from the store's own pages.";
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `APP_ORIGIN` when set (do set it behind a proxy); `X-Forwarded-Host` is never trusted. */
function expectedOrigin(request: Request, appOrigin: string | undefined): string | undefined {
  if (appOrigin) return appOrigin;
  const host = request.headers.get("host");
  if (!host || !HOST.test(host)) return undefined;
  return new URL(`${new URL(request.url).protocol}//${host}`).origin;
}

/**
 * CSRF defence for cookie-changing route handlers, which Next does not protect. Bolt's login result has
 * no `state`, so this is the main line: Fetch Metadata `same-origin` and an exact `Origin`, never absent.
 */
export function assertSameOrigin(request: Request, appOrigin: string | undefined): void {
  const reason = foreignReason(request, appOrigin);
  if (!reason) return;
  logSecurityEvent({ event: "origin_refused", reason, method: request.method });
  throw new RequestRejected(403, reason, FOREIGN);
}

function foreignReason(request: Request, appOrigin: string | undefined): string | undefined {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return "cross_site";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return "origin_missing";
  if (origin !== expectedOrigin(request, appOrigin)) return "origin_mismatch";
  return undefined;
}

/** Next lets a server action without `Origin` through; here it must be there. */
export function actionFromOwnPage(headers: Pick<Headers, "get">, appOrigin: string | undefined): boolean {
  const site = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  let reason: string | undefined;
  if (site !== null && site !== "same-origin") reason = "cross_site";
  else if (!origin || origin === "null" || !URL.canParse(origin)) reason = "origin_missing";
  else if (origin !== appOrigin && new URL(origin).host !== headers.get("host")) reason = "origin_mismatch";
  if (!reason) return true;
  logSecurityEvent({ event: "origin_refused", reason, method: "POST" });
  return false;
}

/** `text/plain`, forms and multipart are what a cross-site page can send without CORS. */
export function assertJsonContentType(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new RequestRejected(
      415,
      "unsupported_media_type",
      "Send the request as JSON (Content-Type: application/json).",
    );
  }
}

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const tooLarge = new RequestRejected(413, "payload_too_large", "The request is too large.");
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) throw tooLarge;
  const bytes = await readCapped(request.body, limit);
  if (!bytes) throw tooLarge;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new RequestRejected(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** Every answer is JSON `{ error, message }`: refusals get their status, anything unexpected a 502. */
export async function answer(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof RequestRejected) return jsonError(error.status, error.code, error.message);
    log.error("api/bolt/session: unexpected failure", errorFields(error));
    return jsonError(502, "unexpected_error", "Something went wrong on our side. Please try again.");
  }
}
