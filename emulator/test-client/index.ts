// The typed client for the emulator's test API, shared by every test tree and the bench. The vitest
// harness for the emulator's own tests is `./vitest-harness`, kept apart because it needs vitest.
export { EmulatorAnswerError, EmulatorTestClient, type FaultRuleInput, type InjectedFault } from "./client";
export type { Account, TestShopper, Tokens } from "./answers";
export type { LoggedRequest } from "../admin/request-log";
export { SANDBOX_CREDENTIALS, SANDBOX_OTP } from "../sandbox";
