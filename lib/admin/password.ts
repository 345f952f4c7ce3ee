import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import * as z from "zod";

// `scrypt:N:r:p:salt:key`, base64url: no `$`, so a .env file (which expands `$NAME`) keeps it as written.

/** What `npm run admin:password` uses: about 32 MiB and a tenth of a second per check. */
export const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Longer than any password a person types; scrypt's time does not depend on it. */
export const MAX_PASSWORD_LENGTH = 1024;

const FORMAT = /^scrypt:(\d{1,8}):(\d{1,2}):(\d{1,2}):([A-Za-z0-9_-]{22,88}):([A-Za-z0-9_-]{43,88})$/;

export type PasswordHash = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

/** A power of two from 2^14 (weaker costs are refused) to 2^20 (more would take seconds per sign-in). */
const isCost = (n: number) => n >= 2 ** 14 && n <= 2 ** 20 && (n & (n - 1)) === 0;

/** Undefined when it is not one `npm run admin:password` could have printed. */
export function parsePasswordHash(text: string): PasswordHash | undefined {
  const match = FORMAT.exec(text.trim());
  if (!match) return undefined;
  const [, n, r, p, salt, key] = match;
  const hash = {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt!, "base64url"),
    key: Buffer.from(key!, "base64url"),
  };
  const sane = isCost(hash.N) && hash.r >= 1 && hash.r <= 32 && hash.p >= 1 && hash.p <= 16;
  return sane && hash.salt.length >= SALT_BYTES && hash.key.length >= KEY_BYTES ? hash : undefined;
}

export const AdminPasswordHash = z
  .string()
  .refine((text) => parsePasswordHash(text) !== undefined, {
    error: "must be the hash `npm run admin:password` prints (scrypt:32768:8:1:…), not the password itself",
  })
  .transform((text) => text.trim());

function derive(password: string, salt: Buffer, cost: Pick<PasswordHash, "N" | "r" | "p">, length: number) {
  // Node refuses a cost above `maxmem` (32 MiB by default): allow what the hash asks for, with room.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: Pick<PasswordHash, "N" | "r" | "p"> = DEFAULT_COST) {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost, KEY_BYTES);
  return `scrypt:${cost.N}:${cost.r}:${cost.p}:${salt.toString("base64url")}:${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  if (!parsed || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
