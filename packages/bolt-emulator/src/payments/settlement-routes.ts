import * as z from "zod";
import { requireApiKey } from "../http/credentials";
import { BoltApiError, ErrorCodes, forbidden, invalidInput } from "../http/errors";
import { answerOnce } from "../http/idempotency";
import type { ApiRequest, Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import type { Emulator } from "../state";
import type { Payment } from "../store/transactions";
import { publishTransactionEvent } from "../webhooks/events";
import { settle, SettlementRefusal, type SettlementAction, type Settled } from "./settlement";
import { paymentView, refundView } from "./transaction-view";

// Bolt's capture, void, credit (refund) and review endpoints: the API key, a transaction reference,
// `Idempotency-Key` honoured. Bodies are read loosely, as Bolt's own integrations send extra fields
// (`credit_card_transaction_id` on void, recorded from the sandbox).

const Reference = z.string().trim().min(1).max(64);
const Amount = z.int({ error: "must be a whole amount in minor units" }).min(1, { error: "must be at least 1" });
const Currency = z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as USD" });
const Hooks = { merchant_event_id: z.string().max(255).optional(), skip_hook_notification: z.boolean().optional() };

const MoneyBody = z.looseObject({ transaction_reference: Reference, amount: Amount, currency: Currency, ...Hooks });
const VoidBody = z.looseObject({ transaction_reference: Reference, ...Hooks });
const ReviewBody = z.looseObject({
  transaction_reference: Reference,
  decision: z.enum(["approve", "reject"]),
  ...Hooks,
});

/** The statuses each endpoint's document declares for a missing transaction and for each kind of refusal. */
type Statuses = { notFound: number; state: number; amount: number };

type Endpoint<S extends z.ZodType> = {
  path: string;
  body: S;
  action: (input: z.output<S>) => SettlementAction;
  statuses: Statuses;
  /** The answer: the payment's `transaction_view`, its details (review), or the refund transaction (credit). */
  answer: (settled: Settled, emulator: Emulator) => Record<string, unknown>;
};

function refusalError(refusal: SettlementRefusal, statuses: Statuses): BoltApiError {
  switch (refusal.reason) {
    case "state":
      return forbidden(statuses.state, refusal.message);
    case "amount":
      return new BoltApiError(statuses.amount, ErrorCodes.amountTooHigh, `The amount is too high: ${refusal.message}.`);
    case "currency":
      return invalidInput(refusal.message);
  }
}

function findPayment(request: ApiRequest, emulator: Emulator, reference: string, statuses: Statuses): Payment {
  const payment = emulator.state.transactions.payment(reference);
  if (!payment)
    throw new BoltApiError(statuses.notFound, ErrorCodes.notFound, `No transaction with reference ${reference}.`);
  request.concern.shopper = payment.payer;
  return payment;
}

function route<S extends z.ZodType<{ transaction_reference: string; skip_hook_notification?: boolean }>>(
  endpoint: Endpoint<S>,
): Route {
  const handler = (request: ApiRequest, emulator: Emulator): Reply => {
    requireApiKey(request, emulator);
    const input = parseJsonBody(endpoint.body, request.body);
    const payment = findPayment(request, emulator, input.transaction_reference, endpoint.statuses);
    return answerOnce(request, emulator.state.idempotency, () => {
      let settled: Settled;
      try {
        settled = settle(emulator, payment, endpoint.action(input));
      } catch (error) {
        throw error instanceof SettlementRefusal ? refusalError(error, endpoint.statuses) : error;
      }
      if (!input.skip_hook_notification) {
        publishTransactionEvent(emulator, settled.event, settled.payment, settled.refund);
      }
      return { status: 200, body: endpoint.answer(settled, emulator) };
    });
  };
  return { method: "POST", pattern: endpoint.path, kind: "api", handler, idempotent: true };
}

const plainView = ({ payment }: Settled, emulator: Emulator) => paymentView(payment, emulator.settings.profile, false);

export const settlementRoutes: Route[] = [
  route({
    path: "/v1/merchant/transactions/capture",
    body: MoneyBody,
    action: (input) => ({ action: "capture", amount: input.amount, currency: input.currency }),
    statuses: { notFound: 404, state: 403, amount: 422 },
    answer: plainView,
  }),
  route({
    path: "/v1/merchant/transactions/void",
    body: VoidBody,
    action: () => ({ action: "void" }),
    statuses: { notFound: 404, state: 403, amount: 422 },
    answer: plainView,
  }),
  // The document declares only a 422 for credit: every refusal, a missing transaction too, is a 422.
  route({
    path: "/v1/merchant/transactions/credit",
    body: MoneyBody,
    action: (input) => ({ action: "refund", amount: input.amount, currency: input.currency }),
    statuses: { notFound: 422, state: 422, amount: 422 },
    answer: ({ payment, refund }, emulator) =>
      refund ? refundView(payment, refund, emulator.settings.profile) : paymentView(payment, emulator.settings.profile),
  }),
  route({
    path: "/v1/merchant/transactions/review",
    body: ReviewBody,
    action: (input) => ({ action: input.decision }),
    statuses: { notFound: 404, state: 403, amount: 422 },
    answer: ({ payment }, emulator) => paymentView(payment, emulator.settings.profile),
  }),
];
