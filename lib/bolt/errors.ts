/** Messages carry the operation, status and Bolt's code, never a token. Names are spelled out: builds minify. */
export class BoltError extends Error {
  override name = "BoltError";
  /** `X-Bolt-Trace-Id`, which Bolt's support asks for; none when Bolt never answered. */
  traceId?: string;

  constructor(
    message: string,
    readonly status: number,
    readonly boltCode?: string | number,
    /** Bolt's own words ("postal code 94404 is invalid for country CA"), for logs and field hints. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

export class BoltOAuthError extends BoltError {
  override name = "BoltOAuthError";

  get isInvalidGrant(): boolean {
    return this.boltCode === "invalid_grant";
  }
}

/** A refused access token, as Bolt's sandbox answers the account API: 403 "This action is forbidden." */
const FORBIDDEN = 18;
/** A wrong merchant API key: the store's configuration, not the shopper's session. */
const INVALID_MERCHANT_KEY = 1005;

export class BoltApiError extends BoltError {
  override name = "BoltApiError";

  /** Decided on the body: a 403 also answers a token that lacks a scope, and a 401 may blame the merchant's key. */
  get isTokenRefused(): boolean {
    if (this.status === 401) return Number(this.boltCode) !== INVALID_MERCHANT_KEY;
    return this.status === 403 && Number(this.boltCode) === FORBIDDEN;
  }

  get isScopeMissing(): boolean {
    return this.status === 403 && !this.isTokenRefused && /scope|bolt\.account\.manage/i.test(this.detail ?? "");
  }
}

export type DeclineReason = "declined" | "card_expired" | "security_code";

/** Bolt publishes no v1 list of decline codes; these are the emulator's. Anything else is a plain decline. */
const DECLINE_REASONS: Record<string, DeclineReason> = { 2001102: "card_expired", 2001104: "security_code" };

/** Show it, never retry it. */
export class BoltDeclinedError extends BoltError {
  override name = "BoltDeclinedError";

  get reason(): DeclineReason {
    return DECLINE_REASONS[String(this.boltCode)] ?? "declined";
  }
}

/**
 * A 2xx whose card answer is `error`: the processor failed the payment, so nothing was charged. Bolt
 * replays it to the same Idempotency-Key, so resending the same request can never pay it.
 */
export class BoltProcessorError extends BoltError {
  override name = "BoltProcessorError";
}

/** Unknown, spent or expired (15 minutes): nothing was charged; tokenize again. */
export class BoltCardTokenError extends BoltError {
  override name = "BoltCardTokenError";
}

export class BoltTimeoutError extends BoltError {
  override name = "BoltTimeoutError";
}

/** Network failure, 5xx or 429. GETs were already retried. */
export class BoltUnavailableError extends BoltError {
  override name = "BoltUnavailableError";
  retryAfterMs?: number;
}

/** A redirect, an oversized or malformed body, or the wrong shape. */
export class BoltResponseError extends BoltError {
  override name = "BoltResponseError";
}

export class BoltMissingFieldError extends BoltResponseError {
  override name = "BoltMissingFieldError";

  constructor(
    operation: string,
    readonly field: string,
  ) {
    super(`${operation}: Bolt's answer has no ${field}`, 200);
  }
}

export class BoltIdTokenError extends BoltError {
  override name = "BoltIdTokenError";
}

/** Why Bolt refused a capture, void, refund or review; nothing changed at Bolt. */
export type SettlementRefusalReason = "amount_too_high" | "not_allowed" | "not_found" | "key_reused" | "invalid";

/** A 4xx to a capture, void, refund or review. */
export class BoltRefusedError extends BoltError {
  override name = "BoltRefusedError";

  constructor(
    message: string,
    status: number,
    readonly reason: SettlementRefusalReason,
    boltCode?: string | number,
    detail?: string,
  ) {
    super(message, status, boltCode, detail);
  }
}

/** A 409 for the same Idempotency-Key: not a refusal, the first may still succeed; resend it later. */
export class BoltInProgressError extends BoltError {
  override name = "BoltInProgressError";
}

/** Raised after the signature was verified. */
export class BoltWebhookBodyError extends BoltError {
  override name = "BoltWebhookBodyError";
}

const SUPPORT_CODE_LENGTH = 8;

/** The end of the trace id, short enough to read out, enough to find the logged line. */
export function supportCode(error: unknown): string | undefined {
  const traceId = error instanceof BoltError ? error.traceId : undefined;
  return traceId ? traceId.slice(-SUPPORT_CODE_LENGTH).toUpperCase() : undefined;
}

export function withSupportCode(message: string, code: string | undefined): string {
  return code ? `${message} Support code: ${code}.` : message;
}
