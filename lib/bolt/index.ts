import "server-only";

// The app's only door to Bolt: calls, app-shaped types and typed errors. No wire shape leaves lib/bolt.
export {
  CARD_NETWORKS,
  addAddress,
  addPaymentMethod,
  deleteAddress,
  deletePaymentMethod,
  getAccount,
  updateAddress,
} from "./account";
export { authorizeNewCard, authorizeSavedCard } from "./authorize";
export {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltError,
  BoltIdTokenError,
  BoltOAuthError,
  BoltProcessorError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  supportCode,
  withSupportCode,
  type DeclineReason,
} from "./errors";
export { verifyIdToken } from "./id-token";
export { exchangeAuthorizationCode, refreshTokens } from "./oauth";
export { hasScope, normalizeScope, SCOPE } from "./scopes";
export { getTransaction } from "./transactions";
export type * from "./types";
