import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { cache } from "react";
import { getSessionView, getSignedOutNotice } from "@/lib/auth";
import { syncPageSession, type SignedOutReason } from "@/lib/auth/page-session";
import { getCart } from "@/lib/cart";
import { getEnv, getPublicBoltConfig, type PublicBoltConfig } from "@/lib/env";

/** What the header shows about the shopper: their name, their cart's size, never a token or an id. */
export type ShopperSummary = ({ signedIn: true; email: string; firstName?: string } | { signedIn: false }) & {
  cartCount: number;
  /** Said once, right after the session ended on its own (Bolt refused to renew it, or it sat idle): why. */
  signedOutNotice: string | null;
  /** Bolt's public settings, read at run time: a static page cannot carry them. */
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

async function summarize(reason: SignedOutReason | null): Promise<ShopperSummary> {
  const [session, cart] = await Promise.all([getSessionView(), getCart()]);
  const signedOutNotice = noticeText(reason);
  // A notice means the session just ended, whatever the request's cookie still says.
  const identity =
    session.signedIn && !signedOutNotice
      ? { signedIn: true as const, firstName: session.firstName, email: session.email }
      : { signedIn: false as const };
  return { ...identity, cartCount: cart.itemCount, signedOutNotice, bolt: getPublicBoltConfig() };
}

/** For pages rendered per request: the proxy has already refreshed the session and set the notice. */
export const getShopperSummary = cache(async (): Promise<ShopperSummary> => {
  return summarize(await getSignedOutNotice());
});

/**
 * `GET /api/bolt/session`, which the static pages' header asks. It does the session work the proxy
 * does before a dynamic page (refresh a token about to expire, end a session Bolt refused), since no
 * static page may set a cookie. Per shopper, so never stored by a browser or a shared cache.
 */
export async function shopperSummaryResponse(request: NextRequest): Promise<Response> {
  const sink = new NextResponse();
  const { signedOutNotice } = await syncPageSession(request, sink);
  const response = NextResponse.json(await summarize(signedOutNotice), {
    headers: { "Cache-Control": "private, no-store", Vary: "Cookie" },
  });
  for (const cookie of sink.cookies.getAll()) response.cookies.set(cookie);
  return response;
}
