import "server-only";
import { getEnv } from "@/lib/env";
import { jsonResponse } from "@/lib/http/json";
import { clearReceipt } from "@/lib/checkout/receipt";
import { destroySession, readSession, type CookieJar } from "@/lib/session/cookie";
import { denySession } from "@/lib/session/denylist";
import { assertSameOrigin } from "./request-checks";

/**
 * `DELETE /api/bolt/session`: clears the cookie and puts the session id on the shared denylist until
 * its absolute expiry, so a copy of the cookie taken earlier stops working too, on every instance
 * (Bolt documents no token revocation; its tokens simply expire). The receipt goes too, so the next
 * person at this browser can't read it; the cart survives signing out.
 */
export async function signOut(request: Request, jar: CookieJar): Promise<Response> {
  const env = getEnv();
  assertSameOrigin(request, env.appOrigin);
  const current = await readSession(jar);
  if (current.status === "valid") {
    await denySession(current.session.sid, current.session.createdAt + env.sessionMaxAgeMs);
  }
  await destroySession(jar);
  clearReceipt(jar);
  return jsonResponse(200, { signedIn: false });
}
