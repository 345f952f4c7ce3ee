import { randomBytes } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so an id read aloud or typed from a receipt is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 12;

/** 60 random bits. Also the Idempotency-Key and Bolt's `order_reference`; shown, so it opens nothing. */
export function newOrderId(): string {
  // 32 divides 256, so the low five bits of a random byte are uniform.
  return Array.from(randomBytes(LENGTH), (byte) => ALPHABET[byte & 31]).join("");
}

export function isOrderId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9A-HJKMNP-TV-Z]{12}$/.test(value);
}
