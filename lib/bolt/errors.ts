/**
 * Every failure of a Bolt call is one of these. Messages carry the operation, status and Bolt's
 * error code, never a token or a request body. Each class spells out its `name`: a production build
 * minifies class names, and logs should still say which error it was.
 */
export class BoltError extends Error {
  override name = "BoltError";

  constructor(
    message: string,
    /** The HTTP status Bolt answered with; 0 when there was no answer. */
    readonly status: number,
    /** Bolt's machine-readable error: the OAuth `error` string or the numeric `errors[0].code`. */
    readonly boltCode?: string | number,
    /** Bolt's own description (e.g. "postal code 94404 is invalid for country CA"), for logs and field hints. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A 4xx from `/v1/oauth/token` with `{ error, error_description }`, e.g. `invalid_grant`. */
export class BoltOAuthError extends BoltError {
  override name = "BoltOAuthError";

  /** The code or refresh token is invalid, expired, used or revoked: only a new sign-in helps. */
  get isInvalidGrant(): boolean {
    return this.boltCode === "invalid_grant";
  }
}

/** Bolt's code for a refused access token, as its sandbox answers the account API: 403 "This action is forbidden." */
const FORBIDDEN = 18;
/** Bolt's documented code for a wrong merchant API key: the store's configuration, not the shopper's session. */
const INVALID_MERCHANT_KEY = 1005;

/** A 4xx from the account or merchant API with `{ result, errors: [{ code, message }] }`. */
export class BoltApiError extends BoltError {
  override name = "BoltApiError";

  /**
   * Bolt refused the shopper's access token (expired, revoked or unknown): only a new sign-in helps.
   * Bolt's sandbox says so with 403 and code 18; a 401 means the same unless it blames the merchant's key.
   * Decided on the body, because a 403 also answers a token that lacks a scope.
   */
  get isTokenRefused(): boolean {
    if (this.status === 401) return Number(this.boltCode) !== INVALID_MERCHANT_KEY;
    return this.status === 403 && Number(this.boltCode) === FORBIDDEN;
  }

  /** A 403 that says the token lacks a scope (a view-only token on an edit): verifying again grants it. */
  get isScopeMissing(): boolean {
    return this.status === 403 && !this.isTokenRefused && /scope|bolt\.account\.manage/i.test(this.detail ?? "");
  }
}

/** Why a card said no, as far as the shopper needs to know it. */
export type DeclineReason = "declined" | "card_expired" | "security_code";

/**
 * Bolt publishes no v1 list of decline codes; these are the emulator's (packages/bolt-emulator/README.md): the card
 * expired (2001102), its security code failed the processor's check (2001104). Anything else is a decline.
 */
const DECLINE_REASONS: Record<string, DeclineReason> = { 2001102: "card_expired", 2001104: "security_code" };

/** The payment was refused (declined or expired card, failed checks): show it, never retry it. */
export class BoltDeclinedError extends BoltError {
  override name = "BoltDeclinedError";

  get reason(): DeclineReason {
    return DECLINE_REASONS[String(this.boltCode)] ?? "declined";
  }
}

/** The card token was unknown, already spent or expired (15 minutes): nothing was charged; tokenize again. */
export class BoltCardTokenError extends BoltError {
  override name = "BoltCardTokenError";
}

/** Bolt did not answer within `boltTimeoutMs` (lib/config.ts). */
export class BoltTimeoutError extends BoltError {
  override name = "BoltTimeoutError";
}

/** No usable answer: network failure, 5xx or 429. Transient; GETs were already retried. */
export class BoltUnavailableError extends BoltError {
  override name = "BoltUnavailableError";
  /** Bolt's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** An answer we refuse to trust: a redirect, an oversized or malformed body, or a body of the wrong shape. */
export class BoltResponseError extends BoltError {
  override name = "BoltResponseError";
}

/** Bolt's answer lacks a field the storefront cannot work without (the list is in `required-fields.ts`). */
export class BoltMissingFieldError extends BoltResponseError {
  override name = "BoltMissingFieldError";

  constructor(
    operation: string,
    /** Where in the answer, e.g. `profile.email`. */
    readonly field: string,
  ) {
    super(`${operation}: Bolt's answer has no ${field}`, 200);
  }
}

/** The `id_token` failed verification (signature, issuer, audience, expiry or claims). */
export class BoltIdTokenError extends BoltError {
  override name = "BoltIdTokenError";
}
