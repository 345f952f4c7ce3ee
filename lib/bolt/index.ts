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
  BoltInProgressError,
  BoltOAuthError,
  BoltProcessorError,
  BoltRefusedError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  BoltWebhookBodyError,
  supportCode,
  withSupportCode,
  type DeclineReason,
  type SettlementRefusalReason,
} from "./errors";
export { verifyIdToken } from "./id-token";
export { exchangeAuthorizationCode, refreshTokens } from "./oauth";
export { hasScope, normalizeScope, SCOPE } from "./scopes";
export {
  captureTransaction,
  getTransaction,
  refundTransaction,
  reviewTransaction,
  voidTransaction,
} from "./settlement";
export {
  parseWebhookEvent,
  TRANSACTION_EVENT_TYPES,
  verifyWebhookSignature,
  type SignatureCheck,
} from "./webhook-event";
export { deleteWebhook, listWebhooks, registerWebhook } from "./webhooks";
export type * from "./types";
