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

/** A 4xx from the account or merchant API with `{ result, errors: [{ code, message }] }`. */
export class BoltApiError extends BoltError {
  override name = "BoltApiError";
}

/** The payment was refused (declined or expired card, failed checks): show it, never retry it. */
export class BoltDeclinedError extends BoltError {
  override name = "BoltDeclinedError";
}

/** Bolt did not answer within `BOLT_TIMEOUT_MS`. */
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

/** The `id_token` failed verification (signature, issuer, audience, expiry or claims). */
export class BoltIdTokenError extends BoltError {
  override name = "BoltIdTokenError";
}
