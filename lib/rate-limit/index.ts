import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { getEnv, type RateLimits } from "@/lib/env";
import { jsonError } from "@/lib/http/json";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv } from "@/lib/kv";

export type LimitName = keyof RateLimits;

export class RateLimitedError extends Error {
  override name = "RateLimitedError";

  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
  ) {
    super(`Rate limit ${limit} reached`);
  }
}

/** A fixed window per `subject`, shared by every instance through kv. */
export async function consume(limit: LimitName, subject: string, client?: string): Promise<void> {
  const { max, windowMs } = getEnv().rateLimits[limit];
  // Hashed: kv holds no IP address or session id in the clear.
  const id = createHash("sha256").update(subject).digest("base64url").slice(0, 22);
  const { count, resetInMs } = await getKv().increment(`rate:${limit}:${id}`, windowMs);
  if (count <= max) return;
  logSecurityEvent({ event: "rate_limited", limit, ...(client ? { client } : {}) });
  throw new RateLimitedError(limit, Math.max(1, Math.ceil(resetInMs / 1000)));
}

export function rateLimitedResponse(error: RateLimitedError, message: string): Response {
  return jsonError(429, "rate_limited", message, { "Retry-After": String(error.retryAfterSeconds) });
}

/**
 * Only a header the deployment's proxy sets (and overwrites) can be trusted: Next fills `X-Forwarded-For`
 * only when absent, so without a proxy a client writes it. The last entry is our proxy's. IPv6 counts per
 * /56, what providers commonly hand one customer: per /64, one client would have 256 buckets.
 */
export function clientIp(headers: Pick<Headers, "get">, header: string | undefined): string | undefined {
  const raw = header ? headers.get(header) : null;
  const last = raw?.split(",").at(-1)?.trim();
  if (!last) return undefined;
  const address = stripPort(last);
  if (isIP(address) === 4) return address;
  if (isIP(address) !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  const [a, b, c, d = "0"] = expandIpv6(address);
  return `${a}:${b}:${c}:${(parseInt(d, 16) & 0xff00).toString(16)}::/56`;
}

function stripPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  return v4WithPort?.[1] ?? value;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}
