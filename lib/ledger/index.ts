export { claimSend, dueForCheck, recordAnswer, releaseSend, type RecordedAnswer } from "./answers";
export { checkDelayMs, FIRST_CHECK_DELAY_MS } from "./check-schedule";
export {
  InvalidLedgerInputError,
  LedgerError,
  LedgerUnavailableError,
  OrderNotFoundError,
  SchemaBehindError,
} from "./errors";
export type { Answer, FindOpenOrder, ForgetWho, NewOrderInput, Page, Shopper, Viewer } from "./inputs";
export { isOrderId, newOrderId } from "./order-id";
export {
  createPendingOrder,
  findOpenOrder,
  forgetShopper,
  getOrderForShopper,
  listOrdersForShopper,
  orderTimeline,
  type CreatedOrder,
  type OrderPage,
} from "./orders";
export {
  PAYMENT_REQUEST_TTL_MS,
  putPaymentRequest,
  sweepExpiredRequests,
  takePaymentRequest,
} from "./payment-requests";
export { hashCheckoutId } from "./secrets";
export { canMove, isFinal, isOpen, MOVES, OPEN_STATUSES, ORDER_STATUSES, type OrderStatus } from "./status";
export type { Order, OrderEvent } from "./types";
