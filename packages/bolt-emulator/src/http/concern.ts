import type { Emulator } from "../state";
import { TOKEN_PATHS } from "../oauth/token-route";
import { ownerOf } from "../store/tokens";
import { bearerToken } from "./credentials";
import { headerValue, type ApiRequest } from "./reply";

/**
 * Works out, before any handler or fault runs, which shopper a request concerns (from its bearer token,
 * code, refresh token, the email of an account check, or a guest payment's email) and its grant type: fault rules scoped by email
 * and the request log need it. Expired or revoked credentials still name their shopper. Token values are
 * never kept.
 */
export function resolveConcern(request: ApiRequest, emulator: Emulator): void {
  const { tokens, shoppers } = emulator.state;
  const emailOf = (credential: string | undefined) => {
    const shopperId = credential ? ownerOf(tokens, credential) : undefined;
    return shopperId ? shoppers.get(shopperId)?.email : undefined;
  };
  const concern = request.concern;
  concern.shopper = emailOf(bearerToken(request));
  const email = request.path === "/v1/account/exists" ? request.query.get("email") : null;
  if (email) concern.shopper = email.trim().toLowerCase();
  if (!concern.shopper && request.path === "/v1/merchant/transactions/authorize") concern.shopper = guestEmail(request);
  const contentType = headerValue(request.headers, "content-type") ?? "";
  if (TOKEN_PATHS.includes(request.path) && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(request.body.toString("utf8"));
    const grantType = form.get("grant_type") ?? "";
    if (/^[a-z_]{1,40}$/.test(grantType)) concern.grantType = grantType;
    concern.shopper = emailOf(form.get("code") ?? form.get("refresh_token") ?? undefined) ?? concern.shopper;
  }
}

/** The email a guest payment names (`user_identifier.email`), if its body says one. */
function guestEmail(request: ApiRequest): string | undefined {
  try {
    const body: unknown = JSON.parse(request.body.toString("utf8"));
    const identifier = body && typeof body === "object" ? (body as Record<string, unknown>).user_identifier : undefined;
    const email =
      identifier && typeof identifier === "object" ? (identifier as Record<string, unknown>).email : undefined;
    return typeof email === "string" && email.length <= 320 ? email.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
