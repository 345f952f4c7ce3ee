import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { jsonResponse } from "@/lib/http/json";
import { clearReceipt } from "@/lib/checkout/receipt";
import { denySession } from "@/lib/session/denylist";
import { cookieStoreJar, destroySession, readSession } from "@/lib/session/cookie";
import { assertSameOrigin } from "./request-checks";

/**
 * `DELETE /api/bolt/session`: clears the cookie (same name and attributes) and puts the session id
 * on the shared denylist until its absolute expiry, so a copy of the cookie taken earlier stops
 * working too, on every instance. If the store is down, this instance refuses the copy at once and
 * the others once the store is back; the shopper is signed out either way. Bolt documents no token
 * revocation endpoint; its tokens simply expire. The order receipt (an address and an email) goes
 * too, so the next person at this browser can't read it. The cart cookie is left alone: a cart
 * survives signing out.
 */
export async function signOut(request: Request): Promise<Response> {
  const env = getEnv();
  assertSameOrigin(request, env.appOrigin);
  const jar = cookieStoreJar(await cookies());
  const current = await readSession(jar);
  if (current.status === "valid") {
    await denySession(current.session.sid, current.session.createdAt + env.sessionMaxAgeMs);
  }
  await destroySession(jar);
  await clearReceipt();
  return jsonResponse(200, { signedIn: false });
}
