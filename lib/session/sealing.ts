import "server-only";
import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type * as z from "zod";
import { getEnv } from "@/lib/env";

/**
 * One key per purpose: a hand-off can't pass as a session cookie, nor an order's access as either, and
 * no shopper's seal opens the order desk (`admin-session`).
 */
export type KeyPurpose = "refresh-handoff" | "sign-in-handoff" | "order-access" | "checkout-attempt" | "admin-session";

const SALT = "bolt-storefront derived keys";
const memo = new Map<string, Record<string, string>>();

/** HKDF of each `SESSION_PASSWORD` id's password, so rotation works as for the cookie. */
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

/** Tokens handed between instances through kv are sealed, so whoever can read kv can't read or forge them. */
export function sealHandoff(purpose: KeyPurpose, value: unknown, ttlMs: number): Promise<string> {
  return sealData(value, { password: derivedPasswords(purpose), ttl: Math.ceil(ttlMs / 1000) });
}

/** Undefined when the seal does not open or has the wrong shape. */
export async function openHandoff<T>(purpose: KeyPurpose, seal: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(await unsealData(seal, { password: derivedPasswords(purpose) }));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
