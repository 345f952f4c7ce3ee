import { afterEach, describe, expect, it, vi } from "vitest";
import { BoltApiError, BoltTimeoutError, BoltUnavailableError } from "@/lib/bolt";
import { LedgerUnavailableError } from "@/lib/db/errors";
import { KvUnavailableError } from "@/lib/kv";
import { captureLog } from "@/lib/log/testing/capture";
import { RateLimitedError } from "@/lib/rate-limit";
import { RefreshPendingError, SignedOutError, StepUpRequiredError } from "@/lib/session/errors";
import type { RefusalReason } from "./answer";
import {
  cartChangedMessage,
  failureState,
  MESSAGES,
  outcomeMessage,
  rateLimitedMessage,
  refusalMessage,
} from "./messages";
import { CardNotSavedError, StaleChoiceError } from "./new-attempt";
import { demoCart } from "./testing/guest";

afterEach(() => vi.restoreAllMocks());

/** A Bolt error as Bolt answered it, with the trace id its support asks for. */
function traced<E extends { traceId?: string }>(error: E, traceId: string): E {
  error.traceId = traceId;
  return error;
}

describe("the words a shopper reads when Bolt refuses the payment", () => {
  const REASONS: [RefusalReason, RegExp][] = [
    ["declined", /declined\. Try another card/],
    ["card_expired", /card has expired\. Check the expiry date/],
    ["security_code", /security code \(CVV\).*nothing was charged/],
    ["processor_error", /processor couldn't handle the payment, so nothing was charged/],
    ["card_token", /card details timed out.*Place your order again/],
    ["refused", /Bolt couldn't accept this payment, so nothing was charged/],
  ];

  it.each(REASONS)("says what %s means and what to do next", (reason, words) => {
    expect(refusalMessage(reason)).toMatch(words);
    expect(outcomeMessage({ kind: "refused", reason })).toBe(refusalMessage(reason));
  });

  it("gives each reason its own words", () => {
    expect(new Set(REASONS.map(([reason]) => refusalMessage(reason))).size).toBe(REASONS.length);
  });

  it("adds Bolt's support code when Bolt gave one, and nothing when it did not", () => {
    const message = outcomeMessage({ kind: "refused", reason: "declined", supportCode: "4F0C1A2B" });
    expect(message).toBe(`${refusalMessage("declined")} Support code: 4F0C1A2B.`);
    expect(outcomeMessage({ kind: "refused", reason: "declined" })).not.toContain("Support code");
  });
});

describe("the words for a click that placed nothing", () => {
  it("shows the new total of a cart changed in another tab, and that nothing was charged", () => {
    const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
    const message = outcomeMessage({ kind: "cart-changed", cart });
    expect(message).toBe(cartChangedMessage(cart.total));
    expect(cartChangedMessage(3724)).toMatch(/the total is now \$37\.24\..*nothing was charged/);
  });

  it("says an empty cart is empty, a busy payment is on its way, and an unconfirmed one won't be charged twice", () => {
    expect(outcomeMessage({ kind: "empty-cart" })).toBe(MESSAGES.emptyCart);
    expect(outcomeMessage({ kind: "busy" })).toBe(MESSAGES.busy);
    const order = { id: "7K3P9QXH4TR0", guest: true, guestKey: null };
    expect(outcomeMessage({ kind: "unconfirmed", order })).toBe(MESSAGES.unconfirmed);
    expect(new Set([MESSAGES.emptyCart, MESSAGES.busy, MESSAGES.unconfirmed]).size).toBe(3);
  });

  it.each([
    [1, "wait a second"],
    [2, "wait 2 seconds"],
    [30, "wait 30 seconds"],
    [89, "wait 89 seconds"],
    [90, "wait 2 minutes"],
    [120, "wait 2 minutes"],
    [121, "wait 3 minutes"],
    [3600, "wait 60 minutes"],
  ])("asks a rate-limited shopper, %i seconds from the window's end, to %s", (seconds, wait) => {
    expect(rateLimitedMessage(seconds)).toBe(
      `Too many order attempts. Please ${wait} and try again; nothing was charged.`,
    );
  });
});

describe("failureState: what the checkout shows for a failure before anything was sent", () => {
  it("asks for a fresh Bolt sign-in when the action needs one", () => {
    expect(failureState(new StepUpRequiredError())).toEqual({ status: "step-up" });
  });

  it.each([
    ["an ended session", new SignedOutError(), MESSAGES.signedOut],
    ["a refresh still under way elsewhere", new RefreshPendingError(), MESSAGES.unconfirmedSignIn],
    ["shared state out of reach", new KvUnavailableError("redis down"), MESSAGES.kvDown],
    ["an address deleted meanwhile", new StaleChoiceError("addressGone"), MESSAGES.addressGone],
    ["a card deleted meanwhile", new StaleChoiceError("cardGone"), MESSAGES.cardGone],
    ["a saved card that expired", new StaleChoiceError("savedCardExpired"), MESSAGES.savedCardExpired],
    ["a card Bolt would not save", new CardNotSavedError("422"), MESSAGES.cardNotSaved],
  ])("shows %s as an error the shopper can act on", (_name, failure, message) => {
    expect(failureState(failure)).toEqual({ status: "error", message });
  });

  it("tells a rate-limited shopper how long to wait", () => {
    expect(failureState(new RateLimitedError("guestPayments", 45))).toEqual({
      status: "error",
      message: rateLimitedMessage(45),
    });
  });

  it("says nothing was charged when the ledger failed, and logs which failure it was", () => {
    const logged = captureLog();
    expect(failureState(new LedgerUnavailableError("record the order"))).toEqual({
      status: "error",
      message: MESSAGES.ledgerDown,
    });
    expect(logged.lines()).toEqual([
      expect.objectContaining({ level: "warn", msg: expect.stringMatching(/ledger/), error: "LedgerUnavailableError" }),
    ]);
  });

  it("says Bolt didn't answer, with the support code of Bolt's trace, and logs the whole trace id", () => {
    const logged = captureLog();
    const failure = traced(new BoltUnavailableError("getAccount: 503", 503), "trace-0123456789abcdef");
    expect(failureState(failure)).toEqual({
      status: "error",
      message: `${MESSAGES.boltDown} Support code: 89ABCDEF.`,
    });
    expect(logged.lines()).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: expect.stringMatching(/Bolt/),
        error: "BoltUnavailableError",
        boltTraceId: "trace-0123456789abcdef",
      }),
    ]);
  });

  it("gives no support code when Bolt never answered", () => {
    captureLog();
    expect(failureState(new BoltTimeoutError("getAccount: no answer", 0))).toEqual({
      status: "error",
      message: MESSAGES.boltDown,
    });
  });

  it("rethrows anything else: a bug is not a message", () => {
    const bug = new TypeError("cannot read properties of undefined");
    expect(() => failureState(bug)).toThrow(bug);
    expect(() => failureState("a string")).toThrow();
  });

  it("never shows Bolt's own words to the shopper", () => {
    captureLog();
    const failure = new BoltApiError("getAccount: 400 invalid_request", 400, "invalid_request", "street is bad");
    const state = failureState(failure);
    expect(state).toEqual({ status: "error", message: MESSAGES.boltDown });
  });
});
