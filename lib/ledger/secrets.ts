import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits in base64url: a guest key, and the sha256 the ledger keeps of a secret. */
export const BASE64URL_256 = /^[A-Za-z0-9_-]{43}$/;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** Orders are filed under the checkout cookie's hash, never the id itself. */
export function hashCheckoutId(checkoutId: string): string {
  return sha256(checkoutId);
}

/** Given to the guest once, kept only as its hash. */
export function newGuestKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString("base64url");
  return { key, hash: sha256(key) };
}

/** Checked before the ledger is asked. */
export function isGuestKey(value: unknown): value is string {
  return typeof value === "string" && BASE64URL_256.test(value);
}

export function guestKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(sha256(key), "base64url");
  const stored = Buffer.from(storedHash, "base64url");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
