import "server-only";
import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type * as z from "zod";
import { getEnv } from "@/lib/env";

/**
 * What a derived key may seal. Each purpose gets its own key, so a value sealed for one purpose
 * never opens as another (a hand-off can't be replayed as a session cookie, a receipt can't pass as
 * either, nor the reverse), and the session cookie stays the only thing sealed with the session
 * password itself.
 */
export type KeyPurpose = "refresh-handoff" | "sign-in-handoff" | "receipt" | "checkout-attempt";

const SALT = "bolt-storefront derived keys";
const memo = new Map<string, Record<string, string>>();

/**
 * An iron-session password map for `purpose`: for each `SESSION_PASSWORD` id, HKDF-SHA256 of that
 * password with the purpose as `info`. Same ids, so rotation works as for the cookie: the highest
 * id seals, every id still opens.
 */
export function derivedPasswords(purpose: KeyPurpose): Record<string, string> {
  const passwords = getEnv().sessionPasswords;
  const memoKey = `${purpose}\n${JSON.stringify(passwords)}`;
  let derived = memo.get(memoKey);
  if (!derived) {
    derived = Object.fromEntries(
      Object.entries(passwords).map(([id, password]) => [
        id,
        Buffer.from(hkdfSync("sha256", password, SALT, `${purpose} v1`, 32)).toString("base64url"),
      ]),
    );
    memo.set(memoKey, derived);
  }
  return derived;
}

/**
 * Values one instance hands to another through the shared store (rotated tokens, a fresh sign-in)
 * hold tokens, so they are sealed like the cookie, but with a key derived for their purpose only:
 * whoever can read the store still can't read or forge them.
 */
export function sealHandoff(purpose: KeyPurpose, value: unknown, ttlMs: number): Promise<string> {
  return sealData(value, { password: derivedPasswords(purpose), ttl: Math.ceil(ttlMs / 1000) });
}

/** The value, or undefined when the seal does not open (wrong key, expired, tampered) or has the wrong shape. */
export async function openHandoff<T>(purpose: KeyPurpose, seal: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(await unsealData(seal, { password: derivedPasswords(purpose) }));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
