import * as z from "zod";
import { isExpired } from "../account/views";
import { authenticateShopper, READ_SCOPES, requireApiKey } from "../http/credentials";
import { BoltApiError, ErrorCodes, invalidInput, notFound } from "../http/errors";
import { headerValue, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, parseWith } from "../http/validate";
import { sha256Hex } from "../ids";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import type { StoredReply } from "../store/orders";
import type { Shopper } from "../store/shoppers";
import { NewCardInput, RechargeInput } from "./authorize-input";
import { authorizeNewCard } from "./new-card";
import { placeOrder, refusal } from "./transaction";

export { DECLINED_TOTAL, REVIEW_TOTAL } from "./transaction";

const IdempotencyKey = z.string().trim().min(1).max(255).optional();

/** Key order must not matter when comparing a retried body with the original. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Pays with a saved card of the signed-in shopper. */
function authorizeSavedCard(input: RechargeInput, shopper: Shopper, emulator: Emulator): StoredReply {
  const card = shopper.cards.find((candidate) => candidate.id === input.credit_card_id);
  if (!card) throw invalidInput(`credit_card_id: no saved card ${input.credit_card_id} for this shopper`);
  return refusal(card, input.cart, isExpired(card)) ?? placeOrder(input.cart, card, shopper.email, emulator);
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
 * `POST /v1/merchant/transactions/authorize`. With an `Idempotency-Key`, a repeat from the same client
 * within 24 hours is answered with the first result before anything else is looked at (a new card's
 * token was spent by the first call); the same key with another body is refused and charges nothing.
 */
function authorizeHandler(request: ApiRequest, emulator: Emulator): Reply {
  const authorize = readRequest(request, emulator);
  const key = parseWith(IdempotencyKey, headerValue(request.headers, "idempotency-key"));
  if (!key) {
    const reply = authorize();
    return json(reply.status, reply.body);
  }
  const { orders } = emulator.state;
  const client = emulator.settings.apiKey;
  const fingerprint = sha256Hex(canonicalJson(JSON.parse(request.body.toString("utf8"))));
  const earlier = orders.recall(client, key);
  if (earlier && earlier.fingerprint !== fingerprint) {
    throw new BoltApiError(
      422,
      ErrorCodes.idempotencyMismatch,
      "Idempotency-Key was already used with a different request body.",
    );
  }
  if (earlier) return json(earlier.reply.status, earlier.reply.body, { "Idempotent-Replayed": "true" });
  const reply = authorize();
  orders.remember(client, key, fingerprint, reply);
  return json(reply.status, reply.body);
}

/** `GET /v1/merchant/transactions/{REFERENCE}`: the merchant's view of a transaction (API key only). */
function transactionDetails(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const reference = request.params.reference ?? "";
  const order = emulator.state.orders.byReference(reference);
  if (!order) throw notFound(`No transaction with reference ${reference}.`);
  request.concern.shopper = order.shopper;
  return json(200, emulator.state.orders.details(reference));
}

export const authorizeRoutes: Route[] = [
  { method: "POST", pattern: "/v1/merchant/transactions/authorize", kind: "api", handler: authorizeHandler },
  { method: "GET", pattern: "/v1/merchant/transactions/:reference", kind: "api", handler: transactionDetails },
];
