import "server-only";
import { createHash } from "node:crypto";
import { getEnv, type RateLimits } from "@/lib/env";
import { jsonError } from "@/lib/http/json";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv } from "@/lib/kv";

export { clientIp } from "./client-ip";

export type LimitName = keyof RateLimits;

/** Past a limit. `retryAfterSeconds` is when the window that refused it ends. */
export class RateLimitedError extends Error {
  override name = "RateLimitedError";

  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
  ) {
    super(`Rate limit ${limit} reached`);
  }
}

/**
 * Counts one event against `limit` for `subject` (an IP, a session id, or "all"), in a fixed window
 * shared by every instance through the store. Throws RateLimitedError past the limit, and
 * KvUnavailableError when the store can't count (each caller already needs the store then).
 * `client` only labels the log line.
 */
export async function consume(limit: LimitName, subject: string, client?: string): Promise<void> {
  const { max, windowMs } = getEnv().rateLimits[limit];
  // Hashed: keys stay short, and the store holds no IP address or session id in the clear.
  const id = createHash("sha256").update(subject).digest("base64url").slice(0, 22);
  const { count, resetInMs } = await getKv().increment(`rate:${limit}:${id}`, windowMs);
  if (count <= max) return;
  logSecurityEvent({ event: "rate_limited", limit, ...(client ? { client } : {}) });
  throw new RateLimitedError(limit, Math.max(1, Math.ceil(resetInMs / 1000)));
}

/** The 429 every limit answers with: JSON `{ error, message }` and `Retry-After` in seconds. */
export function rateLimitedResponse(error: RateLimitedError, message: string): Response {
  return jsonError(429, "rate_limited", message, { "Retry-After": String(error.retryAfterSeconds) });
}
