// The typed client for the emulator's test API, shared by every test tree and the bench. The vitest
// harness for the emulator's own tests is `./vitest-harness`, kept apart because it needs vitest.
export {
  EmulatorAnswerError,
  EmulatorTestClient,
  type FaultRuleInput,
  type InjectedFault,
  type TestCardEntry,
} from "./client";
export type { Account, FieldToken, TestShopper, Tokens, ZiplessFieldToken } from "./answers";
export { TEST_CARD_NUMBERS } from "../payments/test-cards";
export type { LoggedRequest } from "../admin/request-log";
export { SANDBOX_CREDENTIALS, SANDBOX_OTP } from "../sandbox";
