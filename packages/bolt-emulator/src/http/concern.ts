import type { Emulator } from "../state";
import { TOKEN_PATHS } from "../oauth/token-route";
import { ownerOf } from "../store/tokens";
import { bearerToken } from "./credentials";
import { headerValue, type ApiRequest } from "./reply";

const AUTHORIZE = "/v1/merchant/transactions/authorize";
const SETTLEMENTS = new Set(["capture", "void", "credit", "review"].map((name) => `/v1/merchant/transactions/${name}`));

/**
 * Works out, before any handler or fault runs, which shopper a request concerns (from its bearer token,
 * code, refresh token, the email of an account check, a guest payment's email, or the payment a
 * capture, void, credit or review names) and its grant type: fault rules scoped by email and the
 * request log need it. Expired or revoked credentials still name their shopper. Token values are
 * never kept.
 */
export function resolveConcern(request: ApiRequest, emulator: Emulator): void {
  const { tokens, shoppers, transactions } = emulator.state;
  const emailOf = (credential: string | undefined) => {
    const shopperId = credential ? ownerOf(tokens, credential) : undefined;
    return shopperId ? shoppers.get(shopperId)?.email : undefined;
  };
  const concern = request.concern;
  concern.shopper = emailOf(bearerToken(request));
  const email = request.path === "/v1/account/exists" ? request.query.get("email") : null;
  if (email) concern.shopper = email.trim().toLowerCase();
  if (!concern.shopper && request.path === AUTHORIZE) {
    const guest = bodyText(request, "user_identifier", "email");
    if (guest && guest.length <= 320) concern.shopper = guest.trim().toLowerCase();
  }
  if (SETTLEMENTS.has(request.path)) {
    const reference = bodyText(request, "transaction_reference");
    concern.shopper = reference ? transactions.payment(reference)?.payer : undefined;
  }
  const contentType = headerValue(request.headers, "content-type") ?? "";
  if (TOKEN_PATHS.includes(request.path) && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(request.body.toString("utf8"));
    const grantType = form.get("grant_type") ?? "";
    if (/^[a-z_]{1,40}$/.test(grantType)) concern.grantType = grantType;
    concern.shopper = emailOf(form.get("code") ?? form.get("refresh_token") ?? undefined) ?? concern.shopper;
  }
}

/** A string at `path` in the JSON body, if the body has one there. */
function bodyText(request: ApiRequest, ...path: string[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString("utf8"));
  } catch {
    return undefined;
  }
  for (const key of path)
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}
