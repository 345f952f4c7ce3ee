import "server-only";
import { randomBytes } from "node:crypto";
import { getIronSession, unsealData, type CookieJar, type SessionOptions } from "iron-session";
import * as z from "zod";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { getKv } from "@/lib/kv";
import { logSecurityEvent } from "@/lib/log/security-events";
import { derivedPasswords } from "@/lib/session/sealing";

// A cookie and a key of its own (HKDF purpose `admin-session`): no shopper's cookie opens the desk,
// and no desk cookie signs anyone into the shop.

/** A working day; then the merchant signs in again, however active. */
export const MERCHANT_SESSION_MS = 8 * 60 * 60 * 1000;
/** Another instance's clock may run a little ahead. */
const CLOCK_SKEW_MS = 60_000;

const MerchantSessionSchema = z.strictObject({
  v: z.literal(1),
  sid: z.string().regex(/^[\w-]{22}$/),
  createdAt: z.int().positive(),
});
export type MerchantSession = z.infer<typeof MerchantSessionSchema>;

export function merchantCookieName(env: Pick<Env, "appOrigin" | "sessionCookieInsecure">): string {
  return cookieName(env, "admin_session");
}

/**
 * SameSite=Strict: no cross-site request, not even a top-level navigation, carries it. A link from an
 * email or Bolt's dashboard opens the sign-in page, which then goes on to the order.
 */
function options(env: Env, ttlSeconds: number): SessionOptions {
  return {
    cookieName: merchantCookieName(env),
    password: derivedPasswords("admin-session"),
    ttl: ttlSeconds,
    cookieOptions: { httpOnly: true, secure: !env.sessionCookieInsecure, sameSite: "strict", path: "/" },
  };
}

/** Reads nothing, so a save seals a new session instead of merging into the request's. */
function writeOnly(jar: CookieJar): CookieJar {
  return { read: () => undefined, write: jar.write, assertWritable: jar.assertWritable };
}

const signedOutKey = (sid: string) => `admin-signed-out:${sid}`;

/** Throws KvUnavailableError when the sign-out list can't be read: the desk then stays shut. */
export async function readMerchantSession(jar: CookieJar): Promise<MerchantSession | undefined> {
  const env = getEnv();
  const seal = jar.read(merchantCookieName(env));
  if (!seal) return undefined;
  let opened: Record<string, unknown>;
  try {
    opened = await unsealData(seal, {
      password: derivedPasswords("admin-session"),
      onUnsealError: (reason) => {
        if (reason !== "expired") logSecurityEvent({ event: "cookie_refused", reason: `admin_${reason}` });
      },
    });
  } catch {
    logSecurityEvent({ event: "cookie_refused", reason: "admin_malformed" });
    return undefined;
  }
  const parsed = MerchantSessionSchema.safeParse(opened);
  if (!parsed.success) {
    if (Object.keys(opened).length > 0) logSecurityEvent({ event: "cookie_refused", reason: "admin_shape" });
    return undefined;
  }
  const age = Date.now() - parsed.data.createdAt;
  if (age > MERCHANT_SESSION_MS || age < -CLOCK_SKEW_MS) return undefined;
  if ((await getKv().get(signedOutKey(parsed.data.sid))) !== undefined) {
    logSecurityEvent({ event: "session_revoked" });
    return undefined;
  }
  return parsed.data;
}

/** Nothing of any earlier cookie is kept. */
export async function startMerchantSession(jar: CookieJar): Promise<void> {
  const session: MerchantSession = { v: 1, sid: randomBytes(16).toString("base64url"), createdAt: Date.now() };
  const sealed = await getIronSession<MerchantSession>(writeOnly(jar), options(getEnv(), MERCHANT_SESSION_MS / 1000));
  Object.assign(sealed, session);
  await sealed.save();
}

/** The id is denied on every instance until the session would have ended, so a copied cookie fails too. */
export async function endMerchantSession(jar: CookieJar, session: MerchantSession | undefined): Promise<void> {
  if (session) {
    const left = session.createdAt + MERCHANT_SESSION_MS + CLOCK_SKEW_MS - Date.now();
    if (left > 0) await getKv().setIfAbsent(signedOutKey(session.sid), "1", left);
  }
  const cleared = await getIronSession<MerchantSession>(writeOnly(jar), options(getEnv(), MERCHANT_SESSION_MS / 1000));
  cleared.destroy();
}
