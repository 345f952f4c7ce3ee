import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { SCOPE, hasScope } from "@/lib/bolt";
import { cookieStoreJar, readSession, type SessionRead } from "./cookie";
import { isUsable } from "./refresh";

/** No tokens. For server code only: pages pass on what they show, never the view itself. */
export type SessionView =
  | { signedIn: false }
  | {
      signedIn: true;
      sub: string;
      email: string;
      firstName?: string;
      /** False after a refresh until the shopper verifies again. */
      canManage: boolean;
      /** False when a refresh failed (Bolt trouble). */
      tokenFresh: boolean;
    };

/** Unsealed once per render, however many components ask. */
const readRequestSession = cache(async (): Promise<SessionRead> => readSession(cookieStoreJar(await cookies())));

/** Rendering never refreshes: it can't set cookies (the proxy did). */
export const getSessionView = cache(async (): Promise<SessionView> => {
  const read = await readRequestSession();
  if (read.status !== "valid") return { signedIn: false };
  const { session } = read;
  const { sub, email, firstName, scope } = session;
  return {
    signedIn: true,
    sub,
    email,
    firstName,
    canManage: hasScope(scope, SCOPE.manage),
    tokenFresh: isUsable(session),
  };
});

export async function getAccessTokenForRender(): Promise<string | null> {
  const read = await readRequestSession();
  return read.status === "valid" && isUsable(read.session) ? read.session.accessToken : null;
}
