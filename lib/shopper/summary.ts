import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getCart } from "@/lib/cart";
import { getEnv, getPublicBoltConfig, type PublicBoltConfig } from "@/lib/env";
import { cookieStoreJar } from "@/lib/session/cookie";
import { signedOutNotice, type SignedOutReason } from "@/lib/session/upkeep";
import { getSessionView } from "@/lib/session/view";

/** Never a token or an id. */
export type ShopperSummary = ({ signedIn: true; email: string; firstName?: string } | { signedIn: false }) & {
  cartCount: number;
  signedOutNotice: string | null;
  /** Read at run time: a static page can't carry them. */
  bolt: PublicBoltConfig;
};

function idleText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 !== 0) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

function noticeText(reason: SignedOutReason | null): string | null {
  if (!reason) return null;
  const why =
    reason === "idle"
      ? `after ${idleText(getEnv().sessionIdleMs)} without activity`
      : "because your Bolt session ended";
  return `You were signed out ${why}. Please sign in again; your cart is kept.`;
}

/** Session upkeep ran first (the proxy, or the route) and left the notice when there is one. */
export const getShopperSummary = cache(async (): Promise<ShopperSummary> => {
  const [session, cart, cookieStore, requestHeaders] = await Promise.all([
    getSessionView(),
    getCart(),
    cookies(),
    headers(),
  ]);
  const notice = noticeText(signedOutNotice(cookieStoreJar(cookieStore), requestHeaders));
  // A notice means the session just ended, whatever the request's cookie still says.
  const identity =
    session.signedIn && !notice
      ? { signedIn: true as const, firstName: session.firstName, email: session.email }
      : { signedIn: false as const };
  return { ...identity, cartCount: cart.itemCount, signedOutNotice: notice, bolt: getPublicBoltConfig() };
});
