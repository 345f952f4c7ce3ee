/// <reference types="react/experimental" />
import "server-only";
import { experimental_taintUniqueValue as taintUniqueValue } from "react";
import type { SessionData } from "@/lib/session/schema";

const MESSAGE =
  "A Bolt access or refresh token was about to be sent to the browser (a Client Component's prop or a server action's result). Tokens stay on the server: pass what the page needs (SessionView), never the session.";

/** React throws instead of serializing these tokens (`experimental.taint`); keyed to this request's session object. */
export function taintTokens(session: SessionData): SessionData {
  taintUniqueValue(MESSAGE, session, session.accessToken);
  taintUniqueValue(MESSAGE, session, session.refreshToken);
  return session;
}
