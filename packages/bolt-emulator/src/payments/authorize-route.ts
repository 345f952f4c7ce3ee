import * as z from "zod";
import { isExpired } from "../account/views";
import { authenticateShopper, READ_SCOPES, requireApiKey } from "../http/credentials";
import { invalidInput, notFound } from "../http/errors";
import { answerOnce, type StoredReply } from "../http/idempotency";
import { headerValue, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, parseWith } from "../http/validate";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import type { Shopper } from "../store/shoppers";
import { NewCardInput, RechargeInput } from "./authorize-input";
import { authorizeNewCard } from "./new-card";
import { declinePayment, placeOrder, refusal, type PaymentRequest } from "./transaction";
import { paymentView, refundView } from "./transaction-view";

export { DECLINED_TOTAL, REVIEW_TOTAL } from "./transaction";

/** Pays with a saved card of the signed-in shopper. */
function authorizeSavedCard(input: RechargeInput, shopper: Shopper, emulator: Emulator): StoredReply {
  const card = shopper.cards.find((candidate) => candidate.id === input.credit_card_id);
  if (!card) throw invalidInput(`credit_card_id: no saved card ${input.credit_card_id} for this shopper`);
  const payment: PaymentRequest = {
    cart: input.cart,
    card,
    payer: shopper.email,
    autoCapture: input.auto_capture ?? false,
  };
  const declined = refusal(card, input.cart, isExpired(card));
  return declined ? declinePayment(payment, declined, emulator) : placeOrder(payment, emulator);
}

/**
 * The request as one of Bolt's two bodies, and who pays: a saved card needs the shopper's bearer; a
 * new card is paid by a guest (API key only) or, with a bearer, by the signed-in shopper. A view-only
 * token may pay: paying is not editing the account *(UNCONFIRMED)*.
 */
function readRequest(request: ApiRequest, emulator: Emulator): () => StoredReply {
  const raw = parseJsonBody(z.unknown(), request.body);
  const shopper = () => authenticateShopper(request, emulator, READ_SCOPES).shopper;
  if (raw && typeof raw === "object" && "credit_card" in raw) {
    const signedIn = headerValue(request.headers, "authorization") === undefined ? undefined : shopper();
    if (!signedIn) requireApiKey(request, emulator);
    const input = checkDivision(parseWith(NewCardInput, raw), emulator);
    return () => authorizeNewCard(input, signedIn, emulator);
  }
  const payer = shopper();
  const input = checkDivision(parseWith(RechargeInput, raw), emulator);
  return () => authorizeSavedCard(input, payer, emulator);
}

function checkDivision<T extends { division_id?: string }>(input: T, emulator: Emulator): T {
  const given = Boolean(input.division_id);
  if (answersOf(emulator.settings.profile).divisionRequired && !given) throw invalidInput("division_id: required");
  if (given && input.division_id !== emulator.settings.divisionId)
    throw invalidInput("division_id: unknown division for this API key");
  return input;
}

/**
 * `POST /v1/merchant/transactions/authorize`. The request is authenticated and checked first; then,
 * with an `Idempotency-Key`, a repeat within 24 hours is answered with the first result before
 * anything else is looked at (a new card's token was spent by the first call), and the same key with
 * another body is refused and charges nothing.
 */
function authorizeHandler(request: ApiRequest, emulator: Emulator): Reply {
  return answerOnce(request, emulator.state.idempotency, readRequest(request, emulator));
}

/** `GET /v1/merchant/transactions/{REFERENCE}`: the merchant's view of a transaction (API key only). */
function transactionDetails(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const reference = request.params.reference ?? "";
  const { transactions } = emulator.state;
  const { profile } = emulator.settings;
  const payment = transactions.payment(reference);
  const refund = payment ? undefined : transactions.refund(reference);
  const subject = payment ?? refund?.payment;
  if (!subject) throw notFound(`No transaction with reference ${reference}.`);
  request.concern.shopper = subject.payer;
  return json(200, refund ? refundView(refund.payment, refund.refund, profile) : paymentView(subject, profile));
}

export const authorizeRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/merchant/transactions/authorize",
    kind: "api",
    handler: authorizeHandler,
    idempotent: true,
  },
  { method: "GET", pattern: "/v1/merchant/transactions/:reference", kind: "api", handler: transactionDetails },
];
