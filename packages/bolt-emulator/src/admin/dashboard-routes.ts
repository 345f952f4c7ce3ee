import * as z from "zod";
import { JsonHttpError } from "../http/errors";
import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { settle, SettlementRefusal, type Settled } from "../payments/settlement";
import { paymentView, refundView } from "../payments/transaction-view";
import type { Emulator } from "../state";
import { publishTransactionEvent } from "../webhooks/events";

const Amount = z.int().min(1);

/** What a merchant does to a payment in Bolt's dashboard. */
const DashboardAction = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("capture"), amount: Amount }),
  z.strictObject({ action: z.literal("void") }),
  z.strictObject({ action: z.literal("refund"), amount: Amount }),
  z.strictObject({ action: z.literal("approve") }),
  // `reversible` stands for a reviewer's reversible rejection, which only the dashboard makes.
  z.strictObject({ action: z.literal("reject"), reversible: z.boolean().optional() }),
]);

export type DashboardActionInput = z.input<typeof DashboardAction>;

const badRequest = (message: string) => new JsonHttpError(400, { error: "invalid_request", message });

/**
 * `POST /__emulator/dashboard/transactions/{reference}`: acting "in Bolt's dashboard". The payment
 * changes exactly as through the API and the same webhook fires (always: the dashboard has no
 * `skip_hook_notification`), so the storefront learns of it by webhook alone. Answers the transaction
 * as `GET` shows it (a refund: the refund transaction); a refused action is a 422 and changes nothing.
 */
function act(request: ApiRequest, emulator: Emulator): Reply {
  const action = parseJsonBody(DashboardAction, request.body, badRequest);
  const reference = request.params.reference ?? "";
  const payment = emulator.state.transactions.payment(reference);
  if (!payment)
    throw new JsonHttpError(404, { error: "not_found", message: `No payment with reference ${reference}.` });
  let settled: Settled;
  try {
    settled = settle(emulator, payment, action);
  } catch (error) {
    if (error instanceof SettlementRefusal) throw new JsonHttpError(422, { error: "refused", message: error.message });
    throw error;
  }
  publishTransactionEvent(emulator, settled.event, settled.payment, settled.refund);
  const { profile } = emulator.settings;
  return json(200, settled.refund ? refundView(payment, settled.refund, profile) : paymentView(payment, profile));
}

export const dashboardRoutes: Route[] = [
  { method: "POST", pattern: "/__emulator/dashboard/transactions/:reference", kind: "admin", handler: act },
];
