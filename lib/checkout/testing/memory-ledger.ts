import { vi } from "vitest";
import type { Answer, CheckoutOrderQuery, Order } from "@/lib/ledger";
import { NewOrderInput } from "@/lib/ledger/inputs";
import { canMove, isOpen } from "@/lib/ledger/status";
import type { PaymentLedger } from "../place-order";

// The ledger as the money path sees it, in memory, with the rules that matter to it: an order filed
// under its checkout and identity, its sealed request kept while it is open, one send lock, statuses
// that only move forward. `log` says what happened in which order; `failing` makes a call fail.

type Row = { order: Order; checkoutIdHash: string; identity: string; request: string | null; locked: boolean };

export type LedgerCall = keyof PaymentLedger;

export class LedgerDownError extends Error {
  override name = "LedgerUnavailableError";
}

function identityOf(shopper: CheckoutOrderQuery["shopper"]): string {
  return "sub" in shopper ? `sub:${shopper.sub}` : `guest:${shopper.guestEmail.toLowerCase()}`;
}

export function memoryLedger() {
  const rows: Row[] = [];
  const log: string[] = [];
  const failing = new Set<LedgerCall>();
  let keys = 0;

  const row = (id: string) => {
    const found = rows.find((candidate) => candidate.order.id === id);
    if (!found) throw new Error(`no order ${id}`);
    return found;
  };
  const guard = (call: LedgerCall) => {
    if (failing.has(call)) throw new LedgerDownError(`${call}: the database did not answer`);
  };

  const ledger: PaymentLedger = {
    latestOrder: vi.fn(async ({ checkoutIdHash, shopper }) => {
      guard("latestOrder");
      const identity = identityOf(shopper);
      const mine = rows.filter((r) => r.checkoutIdHash === checkoutIdHash && r.identity === identity);
      return mine.at(-1)?.order ?? null;
    }),
    createOrder: vi.fn(async (input, options) => {
      guard("createOrder");
      const order = NewOrderInput.parse(input);
      const id = options.id ?? `ORDER${rows.length}`;
      const created: Order = {
        id,
        status: "pending",
        currency: order.currency,
        itemsCents: order.itemsCents,
        shippingCents: order.shippingCents,
        taxCents: order.taxCents,
        totalCents: order.totalCents,
        lines: order.lines,
        shopperSub: order.shopperSub,
        email: order.email,
        guest: order.shopperSub === null,
        shipTo: order.shipTo,
        cardNetwork: order.card.network,
        cardLast4: order.card.last4,
        boltReference: null,
        boltOrderNumber: null,
        boltAccountCreated: false,
        authorizedCents: 0,
        capturedCents: 0,
        refundedCents: 0,
        sendLockUntil: null,
        nextCheckAt: new Date(),
        checkAttempts: 0,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const shopper = order.shopperSub === null ? { guestEmail: order.email } : { sub: order.shopperSub };
      rows.push({
        order: created,
        checkoutIdHash: order.checkoutIdHash,
        identity: identityOf(shopper),
        request: options.send?.sealedRequest ?? null,
        locked: Boolean(options.send),
      });
      log.push(`create ${id}`);
      return { order: created, guestKey: created.guest ? `key-${++keys}` : null };
    }),
    claimResend: vi.fn(async (orderId) => {
      guard("claimResend");
      const found = row(orderId);
      if (!isOpen(found.order.status) || found.locked) return false;
      found.locked = true;
      log.push(`claim ${orderId}`);
      return true;
    }),
    paymentRequest: vi.fn(async (orderId) => {
      guard("paymentRequest");
      return row(orderId).request;
    }),
    record: vi.fn(async ({ id: orderId }, answer: Answer) => {
      guard("record");
      const found = row(orderId);
      found.locked = false;
      log.push(`record ${orderId} ${answer.kind}`);
      const { status } = found.order;
      if (answer.kind === "unconfirmed") {
        if (status === "pending") found.order = { ...found.order, status: "unconfirmed" };
        return;
      }
      if (!canMove(status, answer.kind)) return;
      found.order = { ...found.order, status: answer.kind };
      found.request = null;
    }),
    renewGuestKey: vi.fn(async (orderId) => {
      guard("renewGuestKey");
      return row(orderId).order.guest ? `key-${++keys}` : null;
    }),
  };

  return {
    ledger,
    log,
    failing,
    orders: () => rows.map((r) => r.order),
    request: (orderId: string) => row(orderId).request,
    /** As when Bolt's memory of the key has passed (24 hours) and the request was swept. */
    forgetRequest: (orderId: string) => void (row(orderId).request = null),
    /** As while another click of the checkout is sending the order. */
    lock: (orderId: string) => void (row(orderId).locked = true),
  };
}
