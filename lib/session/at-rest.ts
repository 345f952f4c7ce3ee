import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as z from "zod";
import { getEnv } from "@/lib/env";

// What the server itself keeps (a payment's exact request, in the ledger) is sealed on the path the
// shopper waits on. Iron derives two keys per seal through WebCrypto's thread pool; this derives one
// key per password id once and seals with AES-256-GCM in the same tick. Cookies stay iron-session's.

export type AtRestPurpose = "checkout-attempt";

const FORMAT = "A256GCM";
const SALT = "bolt-storefront at-rest keys";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const Envelope = z.object({ exp: z.number(), value: z.unknown() });
const keys = new Map<string, Buffer>();

function keyFor(purpose: AtRestPurpose, id: string): Buffer | undefined {
  const passwords = getEnv().sessionPasswords;
  if (!Object.hasOwn(passwords, id)) return undefined;
  const password = passwords[id]!;
  const memoKey = `${purpose}\n${id}\n${password}`;
  let key = keys.get(memoKey);
  if (!key) keys.set(memoKey, (key = Buffer.from(hkdfSync("sha256", password, SALT, `${purpose} v1`, 32))));
  return key;
}

/** Sealed under the newest password id, as the session cookie is; `ttlMs` is checked when opened. */
export function sealAtRest(purpose: AtRestPurpose, value: unknown, ttlMs: number): string {
  const id = String(Math.max(...Object.keys(getEnv().sessionPasswords).map(Number)));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, id)!, iv, { authTagLength: TAG_BYTES });
  const plain = JSON.stringify({ exp: Date.now() + ttlMs, value });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, id, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join("*");
}

export function isSealedAtRest(sealed: string): boolean {
  return sealed.startsWith(`${FORMAT}*`);
}

/** Undefined when it does not open: tampered, expired, of another purpose, its password retired, or the wrong shape. */
export function openAtRest<T>(purpose: AtRestPurpose, sealed: string, schema: z.ZodType<T>): T | undefined {
  const [format, id, iv, body, tag, ...rest] = sealed.split("*");
  if (format !== FORMAT || !id || !iv || !body || !tag || rest.length > 0) return undefined;
  const key = keyFor(purpose, id);
  if (!key) return undefined;
  let opened: unknown;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    }).setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    opened = JSON.parse(plain.toString("utf8"));
  } catch {
    return undefined;
  }
  const envelope = Envelope.safeParse(opened);
  if (!envelope.success || envelope.data.exp <= Date.now()) return undefined;
  const parsed = schema.safeParse(envelope.data.value);
  return parsed.success ? parsed.data : undefined;
}
