import "server-only";
import type { CookieJar } from "iron-session";
import { cookies } from "next/headers";
import * as z from "zod";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { isOrderId } from "@/lib/ledger/order-id";
import { openHandoff, sealHandoff } from "@/lib/session/sealing";

// A guest's orders open in the browser that placed them: the sealed cookie holds ids and guest keys.

export type OrderAccess = { orderId: string; guestKey: string };

/** The newest orders this browser placed as a guest; older ones stay reachable by their link. */
const MAX_ORDERS = 10;
const TTL_MS = 30 * 24 * 60 * 60 * 1000;

// An object, not a bare array: iron-session seals an object's own keys.
const Access = z.object({
  orders: z.array(z.object({ orderId: z.string().refine(isOrderId), guestKey: z.string().max(64) })).max(MAX_ORDERS),
});

function accessCookie(env: Env) {
  return {
    name: cookieName(env, "order_access"),
    options: { httpOnly: true, secure: !env.sessionCookieInsecure, sameSite: "lax", path: "/" } as const,
  };
}

async function read(seal: string | undefined): Promise<OrderAccess[]> {
  if (!seal) return [];
  return (await openHandoff("order-access", seal, Access))?.orders ?? [];
}

export async function grantOrderAccess(jar: CookieJar, access: OrderAccess): Promise<void> {
  const env = getEnv();
  const { name, options } = accessCookie(env);
  const kept = (await read(jar.read(name))).filter((entry) => entry.orderId !== access.orderId);
  const seal = await sealHandoff("order-access", { orders: [access, ...kept].slice(0, MAX_ORDERS) }, TTL_MS);
  jar.write(name, seal, { ...options, maxAge: TTL_MS / 1000 });
}

/** Tampered or foreign seals read as none. */
export async function readOrderAccess(): Promise<OrderAccess[]> {
  return read((await cookies()).get(accessCookie(getEnv()).name)?.value);
}

/** On logout, so the next person at a shared browser can't open them. */
export function clearOrderAccess(jar: CookieJar): void {
  const { name, options } = accessCookie(getEnv());
  jar.write(name, "", { ...options, maxAge: 0 });
}
