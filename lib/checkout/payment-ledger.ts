import "server-only";
import type { Database } from "@/lib/db/client";
import {
  claimSend,
  createPendingOrder,
  latestCheckoutOrder,
  recordAnswer,
  renewGuestKey,
  takePaymentRequest,
} from "@/lib/ledger";
import type { PaymentLedger } from "./place-order";

/** The ledger's calls for the checkout: Bolt's answers are filed as Bolt's, "no answer" as the storefront's. */
export function paymentLedger(db: Database): PaymentLedger {
  return {
    latestOrder: (query) => latestCheckoutOrder(db, query),
    createOrder: (input, options) => createPendingOrder(db, input, options),
    claimResend: (orderId, lockMs) => claimSend(db, orderId, lockMs, { type: "resent", source: "storefront" }),
    paymentRequest: (orderId) => takePaymentRequest(db, orderId),
    record: async (order, answer) => {
      const source = answer.kind === "unconfirmed" ? "storefront" : "bolt";
      await recordAnswer(db, order.id, answer, { source, seen: order });
    },
    renewGuestKey: (orderId) => renewGuestKey(db, orderId),
  };
}
