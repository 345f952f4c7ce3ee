import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { getEnv, type RateLimits } from "@/lib/env";
import { jsonError } from "@/lib/http/json";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv } from "@/lib/kv";

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

/**
 * The client's address as the deployment's proxy reported it in the request header `header`, or
 * undefined. Only a header that proxy sets (and overwrites) can be trusted: Next itself fills `X-Forwarded-For` only
 * when it is absent, so without a proxy a client writes it. For a list (`X-Forwarded-For`), the
 * last entry is the one our proxy added. IPv6 clients count per /64, the block one host gets.
 */
export function clientIp(headers: Pick<Headers, "get">, header: string | undefined): string | undefined {
  const raw = header ? headers.get(header) : null;
  const last = raw?.split(",").at(-1)?.trim();
  if (!last) return undefined;
  const address = stripPort(last);
  if (isIP(address) === 4) return address;
  if (isIP(address) !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ?? `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** `203.0.113.7:51234` → `203.0.113.7`, `[2001:db8::1]:443` → `2001:db8::1`. */
function stripPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  return v4WithPort?.[1] ?? value;
}

/** The eight groups of an IPv6 address, lower-case, without leading zeros. */
function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}
