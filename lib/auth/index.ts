import "server-only";

// The session API for pages, server actions and route handlers. Tokens leave only through the two
// token getters, for Bolt calls made on the server.
export { RefreshPendingError, SignedOutError, StepUpRequiredError } from "./errors";
export { getFreshAccessToken, getFreshSession } from "./fresh-token";
export { endRefusedSession, withAccessToken } from "./session-call";
export { getAccessTokenForRender, getSessionView, getSignedOutNotice, type SessionView } from "./session-view";
