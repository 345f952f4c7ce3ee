import "server-only";

export { SettlementError, SettlementRefusedError, SettlementUnconfirmedError } from "./errors";
export {
  approveOrder,
  captureOrder,
  capturesManually,
  operationNonce,
  refundOrder,
  rejectOrder,
  voidOrder,
  type ActionOptions,
  type ActionResult,
  type MerchantAction,
} from "./merchant-actions";
export { receiveBoltWebhook, webhookMethodNotAllowed } from "./receive-webhook";
export { rereadSoon, syncDueOrders, syncOrder, type SyncRound } from "./sync";
export { WEBHOOK_PATH, webhookUrlFor } from "./webhook-url";
