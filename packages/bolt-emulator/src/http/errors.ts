// Typed errors the server turns into Bolt-shaped responses (see `toReply` in server.ts).

/** An error in Bolt's `errors_bolt_api_response` shape: `{ result: { success: false }, errors: [{ code, message }] }`. */
export class BoltApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "BoltApiError";
  }
}

/** An OAuth token-endpoint error: `{ error, error_description }` (RFC 6749 §5.2, Bolt's `errors_oauth_server_response`). */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 403 | 422,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/** Any other JSON error of the emulator's own endpoints (admin hooks, the login modal's verify call). */
export class JsonHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`);
    this.name = "JsonHttpError";
  }
}

/** Bad emulator configuration (environment variables or `startEmulator` options). */
export class EmulatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorConfigError";
  }
}

/**
 * Error codes the emulator answers with. 1005, 18 (forbidden), 22 (amount too high), 34 (already
 * exists) and 409 (concurrent idempotent requests) are in Bolt's published error codes, and 18 was
 * recorded from its sandbox (a refused bearer); the rest are the emulator's choice (README).
 */
export const ErrorCodes = {
  invalidMerchantKey: 1005,
  forbidden: 18,
  invalidAccessToken: 1002,
  insufficientScope: 1003,
  invalidInput: 2001005,
  notFound: 2001404,
  declined: 2001101,
  cardExpired: 2001102,
  cardTokenInvalid: 2001103,
  cvvCheckFailed: 2001104,
  idempotencyMismatch: 2001409,
  idempotencyInFlight: 409,
  notImplemented: 2001501,
  amountTooHigh: 22,
  alreadyExists: 34,
} as const;

export function invalidMerchantKey(): BoltApiError {
  return new BoltApiError(401, ErrorCodes.invalidMerchantKey, "Authentication error. Invalid merchant key.");
}

export function invalidInput(message: string): BoltApiError {
  return new BoltApiError(422, ErrorCodes.invalidInput, message);
}

/** A card token that is unknown, spent, expired or another merchant's: nothing was charged or saved. */
export function cardTokenInvalid(): BoltApiError {
  return new BoltApiError(422, ErrorCodes.cardTokenInvalid, "The card token is unknown, expired or already used.");
}

export function notFound(message: string): BoltApiError {
  return new BoltApiError(404, ErrorCodes.notFound, message);
}

/** Bolt's code 18, "This action is forbidden.", with what forbade it. */
export function forbidden(status: number, reason: string): BoltApiError {
  return new BoltApiError(status, ErrorCodes.forbidden, `This action is forbidden: ${reason}.`);
}
