export {
  claimSend,
  dueForCheck,
  recordAnswer,
  releaseSend,
  stopChecking,
  type RecordedAnswer,
  type SendClaim,
} from "./answers";
export { checkDelayMs, FIRST_CHECK_DELAY_MS } from "./check-schedule";
export {
  InvalidLedgerInputError,
  LedgerError,
  LedgerUnavailableError,
  OrderNotFoundError,
  SchemaBehindError,
} from "./errors";
export type { Answer, CheckoutOrderQuery, ForgetWho, NewOrderInput, Page, Shopper, Viewer } from "./inputs";
export { listOrders, type MerchantListing } from "./merchant-orders";
export { isOrderId, newOrderId } from "./order-id";
export {
  createPendingOrder,
  forgetShopper,
  getOrderForShopper,
  latestCheckoutOrder,
  listOrdersForShopper,
  orderTimeline,
  renewGuestKey,
  type CreatedOrder,
  type PendingOrderOptions,
} from "./orders";
export type { OrderPage } from "./order-pages";
export {
  keptRequestsBySealingId,
  PAYMENT_REQUEST_TTL_MS,
  putPaymentRequest,
  sweepExpiredRequests,
  takePaymentRequest,
} from "./payment-requests";
export { hashCheckoutId, isGuestKey } from "./secrets";
export {
  applyTransaction,
  BoltView,
  claimDueForSync,
  findEventOrder,
  getOrder,
  postponeSync,
  type AppliedTransaction,
  type ApplyOptions,
} from "./settlement";
export {
  applyView,
  eventAmountCents,
  isAhead,
  statusOf,
  transactionEventKey,
  type SettlementState,
  type ViewApplied,
} from "./settlement-state";
export {
  keepUnmatchedEvent,
  listUnmatchedEvents,
  markUnmatchedHandled,
  type UnmatchedEvent,
  type UnmatchedPage,
} from "./unmatched";
export { canMove, isFinal, isOpen, MOVES, OPEN_STATUSES, ORDER_STATUSES, type OrderStatus } from "./status";
export type { Order, OrderEvent } from "./types";
