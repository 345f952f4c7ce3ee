import "server-only";
import { sealData, unsealData } from "iron-session";
import type * as z from "zod";
import { derivedPasswords, type KeyPurpose } from "./derived-keys";

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
