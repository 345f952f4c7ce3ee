import "server-only";
import { getEnv } from "@/lib/env";
import { jsonResponse } from "@/lib/http/json";
import { forgetCheckoutId } from "@/lib/checkout/checkout-id";
import { clearOrderAccess } from "@/lib/checkout/order-access";
import { destroySession, readSession, type CookieJar } from "@/lib/session/cookie";
import { denySession } from "@/lib/session/denylist";
import { rememberSignOut } from "@/lib/session/signed-out-here";
import { assertSameOrigin } from "./request-checks";

/**
 * Denied until its absolute expiry, so an earlier copy of the cookie stops working on every instance
 * (Bolt has no token revocation). Guest order access and the checkout go too, so the next person at a
 * shared browser neither opens nor resends this shopper's orders.
 */
export async function signOut(request: Request, jar: CookieJar): Promise<Response> {
  const env = getEnv();
  assertSameOrigin(request, env.appOrigin);
  const current = await readSession(jar);
  if (current.status === "valid") {
    await denySession(current.session.sid, current.session.createdAt + env.sessionMaxAgeMs);
  }
  await destroySession(jar);
  rememberSignOut(jar);
  clearOrderAccess(jar);
  forgetCheckoutId(jar);
  return jsonResponse(200, { signedIn: false });
}
