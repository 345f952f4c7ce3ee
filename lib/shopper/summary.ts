import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { cache } from "react";
import { getSessionView, getSignedOutNotice } from "@/lib/auth";
import { syncPageSession } from "@/lib/auth/page-session";
import { getCart } from "@/lib/cart";
import { getPublicBoltConfig, type PublicBoltConfig } from "@/lib/env";

/** What the header shows about the shopper: their name, their cart's size, never a token or an id. */
export type ShopperSummary = ({ signedIn: true; email: string; firstName?: string } | { signedIn: false }) & {
  cartCount: number;
  /** True once, right after Bolt refused to renew the session, so the page can say why. */
  signedOutNotice: boolean;
  /** Bolt's public settings, read at run time: a static page cannot carry them. */
  bolt: PublicBoltConfig;
};

async function summarize(signedOutNotice: boolean): Promise<ShopperSummary> {
  const [session, cart] = await Promise.all([getSessionView(), getCart()]);
  // A notice means the session just ended, whatever the request's cookie still says.
  const identity =
    session.signedIn && !signedOutNotice
      ? { signedIn: true as const, firstName: session.firstName, email: session.email }
      : { signedIn: false as const };
  return { ...identity, cartCount: cart.itemCount, signedOutNotice, bolt: getPublicBoltConfig() };
}

/** For pages rendered per request: the proxy has already refreshed the session and set the notice. */
export const getShopperSummary = cache(async (): Promise<ShopperSummary> => {
  return summarize((await getSignedOutNotice()) === "expired");
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
