import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { SCOPE, hasScope } from "@/lib/bolt";
import { cookieStoreJar, readSession, type SessionRead } from "@/lib/session/cookie";
import { USABLE_MARGIN_MS } from "./fresh-token";
import { taintTokens } from "./taint";
import { SIGNED_OUT_HEADER, signedOutReason, type SignedOutReason } from "./page-session";

/** What a page may know about the session: no tokens, no ids. */
export type SessionView =
  | { signedIn: false }
  | {
      signedIn: true;
      email: string;
      firstName?: string;
      /** The token may edit saved data; false after a refresh until the shopper verifies again. */
      canManage: boolean;
      /** The access token is usable for this render; false when a refresh failed (Bolt trouble). */
      tokenFresh: boolean;
    };

/** Unsealed once per render, however many components ask; its tokens tainted for this request. */
const readRequestSession = cache(async (): Promise<SessionRead> => {
  const read = await readSession(cookieStoreJar(await cookies()));
  if (read.status === "valid") taintTokens(read.session);
  return read;
});

function usable(read: SessionRead): read is Extract<SessionRead, { status: "valid" }> {
  return read.status === "valid" && read.session.expiresAt - Date.now() > USABLE_MARGIN_MS;
}

/** The session for Server Components. Read-only: rendering never refreshes (it can't set cookies). */
export const getSessionView = cache(async (): Promise<SessionView> => {
  const read = await readRequestSession();
  if (read.status !== "valid") return { signedIn: false };
  const { email, firstName, scope } = read.session;
  return { signedIn: true, email, firstName, canManage: hasScope(scope, SCOPE.manage), tokenFresh: usable(read) };
});

/**
 * The access token for Bolt calls made while rendering, or `null` when it is not usable. The proxy
 * refreshes before the render, so `null` means signed out or a refresh that failed: show a
 * degraded state, don't try to refresh here.
 */
export async function getAccessTokenForRender(): Promise<string | null> {
  const read = await readRequestSession();
  return usable(read) ? read.session.accessToken : null;
}

/**
 * Why the proxy just ended the session (Bolt refused its refresh token, or it sat idle too long), so
 * the page can say "You were signed out, please sign in again". Shown once; the proxy owns the header.
 */
export async function getSignedOutNotice(): Promise<SignedOutReason | null> {
  return signedOutReason((await headers()).get(SIGNED_OUT_HEADER));
}
