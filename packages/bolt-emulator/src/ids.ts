import { createHash, randomBytes, randomInt } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function randomFrom(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A Bolt-looking object id (e.g. `SAeEcU1hpMobc`, 13 characters). */
export function objectId(): string {
  return randomFrom(ALPHANUMERIC, 13);
}

/** An opaque Hydra-style credential `xxxx.yyyy` (two 32-byte base64url halves, 87 characters), like Bolt's codes and tokens. */
export function opaqueToken(): string {
  return `${randomBytes(32).toString("base64url")}.${randomBytes(32).toString("base64url")}`;
}

/** A transaction reference: 12 characters, as `transaction_reference` requires. */
export function transactionReference(): string {
  return randomFrom(UPPER, 12);
}

/** A reference as Bolt's sandbox writes it, e.g. `4HYC-GXT8-RRC7` (14 characters). */
export function dashedReference(): string {
  return [randomFrom(UPPER, 4), randomFrom(UPPER, 4), randomFrom(UPPER, 4)].join("-");
}

export function orderNumber(): string {
  return String(randomInt(1_000_000_000, 10_000_000_000));
}

export function lowerAlphanumeric(length: number): string {
  return randomFrom("abcdefghijkmnopqrstuvwxyz23456789", length);
}

export function digits(length: number): string {
  return randomFrom("0123456789", length);
}

export function hexToken(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
