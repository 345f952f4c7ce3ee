import { timingSafeEqual } from "node:crypto";
import * as z from "zod";
import type { Emulator } from "../state";
import type { AccessRecord, Scope } from "../store/tokens";
import type { Shopper } from "../store/shoppers";
import { answersOf } from "../profile";
import { BoltApiError, ErrorCodes, invalidMerchantKey } from "./errors";
import { headerValue, type ApiRequest } from "./reply";

export function safeEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const KeyHeader = z.string().trim().min(1);
const BearerHeader = z.string().regex(/^bearer\s+\S+$/i);

/** `X-API-Key` must be the merchant's API key: a 401 with Bolt's code 1005 otherwise. */
export function requireApiKey(request: ApiRequest, emulator: Emulator): void {
  const key = KeyHeader.safeParse(headerValue(request.headers, "x-api-key"));
  if (!key.success || !safeEqual(key.data, emulator.settings.apiKey)) throw invalidMerchantKey();
}

/** `X-Publishable-Key` must be the merchant's publishable key: a 401 with code 1005 otherwise. */
export function requirePublishableKey(request: ApiRequest, emulator: Emulator): void {
  const key = KeyHeader.safeParse(headerValue(request.headers, "x-publishable-key"));
  if (!key.success || !safeEqual(key.data, emulator.settings.publishableKey)) throw invalidMerchantKey();
}

export function bearerToken(request: ApiRequest): string | undefined {
  const header = BearerHeader.safeParse(headerValue(request.headers, "authorization"));
  return header.success ? header.data.replace(/^bearer\s+/i, "") : undefined;
}

export type Authenticated = { shopper: Shopper; access: AccessRecord };

/**
 * Account and payment calls need both the merchant's API key and the shopper's access token. `anyOf` lists the
 * scopes of which the token must hold at least one; a token without them is a 403 that says so. A refused
 * token is answered as the profile says: 401 (spec) or 403 with code 18 (sandbox).
 */
export function authenticateShopper(request: ApiRequest, emulator: Emulator, anyOf: Scope[]): Authenticated {
  requireApiKey(request, emulator);
  // Optional on these calls, but a wrong one means a misconfigured client: say so.
  if (headerValue(request.headers, "x-publishable-key") !== undefined) requirePublishableKey(request, emulator);
  const token = bearerToken(request);
  const access = token ? emulator.state.tokens.validAccess(token) : undefined;
  const shopper = access && emulator.state.shoppers.get(access.shopperId);
  if (!access || !shopper) {
    const { status, code, message } = answersOf(emulator.settings.profile).refusedBearer;
    throw new BoltApiError(status, code, message);
  }
  if (!anyOf.some((scope) => access.scopes.includes(scope))) {
    throw new BoltApiError(
      403,
      ErrorCodes.insufficientScope,
      `Authentication error. The access token lacks the scope this resource needs (${anyOf.join(" or ")}).`,
    );
  }
  request.concern.shopper = shopper.email;
  return { shopper, access };
}

export const READ_SCOPES: Scope[] = ["bolt.account.view", "bolt.account.manage"];
export const WRITE_SCOPES: Scope[] = ["bolt.account.manage"];
