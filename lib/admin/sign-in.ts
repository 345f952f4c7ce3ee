import "server-only";
import type { CookieJar } from "iron-session";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { clientIp, consume, RateLimitedError } from "@/lib/rate-limit";
import { isSameOriginPost } from "./origin";
import { verifyPassword } from "./password";
import { startMerchantSession } from "./session";

export type SignInOutcome =
  | { ok: true }
  | { ok: false; reason: "wrong_password" | "not_configured" | "foreign" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Every attempt counts against the limits before the password is hashed, so guessing can't keep the server busy. */
export async function signInMerchant(
  jar: CookieJar,
  headers: Pick<Headers, "get">,
  password: string,
): Promise<SignInOutcome> {
  const env = getEnv();
  if (!isSameOriginPost(headers, env.appOrigin)) return { ok: false, reason: "foreign" };
  const client = clientIp(headers, env.trustedIpHeader);
  try {
    if (client) await consume("adminSignInPerIp", client, client);
    await consume("adminSignIns", "all", client);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return { ok: false, reason: "rate_limited", retryAfterSeconds: error.retryAfterSeconds };
  }
  if (!env.adminPasswordHash) {
    logSecurityEvent({ event: "admin_sign_in_refused", reason: "not_configured", ...(client ? { client } : {}) });
    return { ok: false, reason: "not_configured" };
  }
  if (!(await verifyPassword(password, env.adminPasswordHash))) {
    logSecurityEvent({ event: "admin_sign_in_refused", reason: "wrong_password", ...(client ? { client } : {}) });
    return { ok: false, reason: "wrong_password" };
  }
  await startMerchantSession(jar);
  return { ok: true };
}
