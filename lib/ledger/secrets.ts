import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits in base64url: a guest key, and the sha256 the ledger keeps of a secret. */
export const BASE64URL_256 = /^[A-Za-z0-9_-]{43}$/;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** How orders are filed under a browser's checkout cookie: by its hash, never the id itself. */
export function hashCheckoutId(checkoutId: string): string {
  return sha256(checkoutId);
}

/** The key in a guest's order link: given to the guest once, kept only as its hash. */
export function newGuestKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString("base64url");
  return { key, hash: sha256(key) };
}

/** Whether a presented guest key is the one whose hash was kept, compared in constant time. */
export function guestKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(sha256(key), "base64url");
  const stored = Buffer.from(storedHash, "base64url");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
