// The typed client for the emulator's test API, shared by every test tree and the bench. The vitest
// harness for the emulator's own tests is `./vitest-harness`, kept apart because it needs vitest.
export {
  EmulatorAnswerError,
  EmulatorTestClient,
  type ClientCredentials,
  type FaultRuleInput,
  type InjectedFault,
  type SettlementOptions,
  type TestCardEntry,
} from "./client";
export type { Account, FieldToken, TestShopper, Tokens, TransactionView, Webhook, ZiplessFieldToken } from "./answers";
export { TEST_CARD_NUMBERS } from "../payments/test-cards";
export { DECLINED_TOTAL, REVIEW_TOTAL } from "../payments/transaction";
export type { LoggedRequest } from "../admin/request-log";
export type { DashboardActionInput } from "../admin/dashboard-routes";
export type { Order, OrderFilter } from "../store/transactions";
export type { DeliveryAttempt, DeliveryFilter } from "../webhooks/delivery-log";
export type { WebhookEventType } from "../webhooks/events";
export type { WebhookFaultsInput } from "../webhooks/webhook-faults";
export { signWebhookBody, verifyWebhookBody } from "../webhooks/signature";
export { SANDBOX_CREDENTIALS, SANDBOX_OTP, SANDBOX_SIGNING_SECRET } from "../sandbox";
