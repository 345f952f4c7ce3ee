/// <reference types="react/experimental" />
import "server-only";
import { experimental_taintUniqueValue as taintUniqueValue } from "react";
import type { SessionData } from "@/lib/session/schema";

const MESSAGE =
  "A Bolt access or refresh token was about to be sent to the browser (a Client Component's prop or a server action's result). Tokens stay on the server: pass what the page needs (SessionView), never the session.";

/**
 * Tells React never to serialize this session's tokens into a page or an action's answer: it throws
 * instead (`experimental.taint`). Keyed to `session`, an object of this request only, so React forgets
 * the values once the request is collected. Pages and actions get tokens only through here.
 */
export function taintTokens(session: SessionData): SessionData {
  taintUniqueValue(MESSAGE, session, session.accessToken);
  taintUniqueValue(MESSAGE, session, session.refreshToken);
  return session;
}
