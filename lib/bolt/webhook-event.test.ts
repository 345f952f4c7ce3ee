import { describe, expect, it } from "vitest";
import { signWebhookBody } from "bolt-emulator/test-client";
import { BoltWebhookBodyError } from "./errors";
import { parseWebhookEvent, verifyWebhookSignature } from "./webhook-event";

// Bolt's webhook signature and body, as its help pages and plugins describe them: the emulator's
// signer stands in for Bolt's, so the two sides are checked against one another.

const SECRET = "current-signing-secret-0123";
const NEXT = "incoming-signing-secret-4567";
const encode = (text: string) => new TextEncoder().encode(text);

const usd = (amount: number) => ({ amount, currency: "USD", currency_symbol: "$" });
const body = JSON.stringify({
  type: "capture",
  object: "transaction",
  data: {
    reference: "LBLJTWW7R9VC",
    type: "cc_payment",
    status: "completed",
    amount: usd(5900),
    captures: [{ amount: usd(5900), status: "succeeded" }],
    order_reference: "ORD000000001",
  },
});

const headers = (values: Record<string, string>) => new Headers(values);

describe("verifyWebhookSignature", () => {
  it("accepts X-Bolt-Hmac-Sha256 over the exact bytes received", () => {
    const signed = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) });
    expect(verifyWebhookSignature(encode(body), signed, [SECRET])).toBe("valid");
  });

  it("refuses the same signature over a body changed by one character, or re-serialized", () => {
    const signed = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) });
    expect(verifyWebhookSignature(encode(body.replace("5900", "5901")), signed, [SECRET])).toBe("invalid");
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    expect(verifyWebhookSignature(encode(reformatted), signed, [SECRET])).toBe("invalid");
  });

  it("refuses a body signed with another secret, or a signature that is not one", () => {
    const forged = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody("someone-elses-secret-000", body) });
    expect(verifyWebhookSignature(encode(body), forged, [SECRET])).toBe("invalid");
    for (const junk of ["", "   ", "not base64!", "A".repeat(500), signWebhookBody(SECRET, body).slice(0, 20)]) {
      const result = verifyWebhookSignature(encode(body), headers({ "X-Bolt-Hmac-Sha256": junk }), [SECRET]);
      expect(result, junk).not.toBe("valid");
    }
  });

  it("calls a request without either header unsigned, an empty body included", () => {
    expect(verifyWebhookSignature(encode(body), headers({}), [SECRET])).toBe("unsigned");
    expect(verifyWebhookSignature(new Uint8Array(), headers({}), [SECRET])).toBe("unsigned");
    const emptySigned = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody("other-secret-0000000", "") });
    expect(verifyWebhookSignature(new Uint8Array(), emptySigned, [SECRET])).toBe("invalid");
  });

  it("accepts nothing when no secret is configured", () => {
    const signed = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) });
    expect(verifyWebhookSignature(encode(body), signed, [])).toBe("invalid");
  });

  describe("during a secret rotation", () => {
    it("accepts X-Bolt-Hmac-Sha256-Pending signed with the next secret, the main one being stale", () => {
      const rotating = headers({
        "X-Bolt-Hmac-Sha256": signWebhookBody("retired-secret-00000000", body),
        "X-Bolt-Hmac-Sha256-Pending": signWebhookBody(NEXT, body),
      });
      expect(verifyWebhookSignature(encode(body), rotating, [SECRET, NEXT])).toBe("valid");
      expect(verifyWebhookSignature(encode(body), rotating, [SECRET])).toBe("invalid");
    });

    it("accepts the main header once Bolt signs it with the new secret, before the store promotes it", () => {
      const rotated = headers({ "X-Bolt-Hmac-Sha256": signWebhookBody(NEXT, body) });
      expect(verifyWebhookSignature(encode(body), rotated, [SECRET, NEXT])).toBe("valid");
    });
  });
});

describe("parseWebhookEvent", () => {
  it("reads a transaction event: the payment, its amounts and our order id", () => {
    expect(parseWebhookEvent(encode(body))).toEqual({
      kind: "transaction",
      type: "capture",
      transaction: {
        reference: "LBLJTWW7R9VC",
        orderReference: "ORD000000001",
        state: "completed",
        currency: "USD",
        authorizedCents: 5900,
        capturedCents: 5900,
        refundedCents: 0,
      },
    });
  });

  it("finds the order id in data.cart or data.order.cart when data.order_reference is absent", () => {
    for (const where of [
      { cart: { order_reference: "ORD000000002" } },
      { order: { cart: { order_reference: "ORD000000002" } } },
    ]) {
      const data = { reference: "R1", status: "authorized", amount: usd(100), ...where };
      const event = parseWebhookEvent(encode(JSON.stringify({ type: "auth", object: "transaction", data })));
      expect(event).toMatchObject({ kind: "transaction", transaction: { orderReference: "ORD000000002" } });
    }
  });

  it("reads a credit event's refund as a view of the payment it refunded", () => {
    const credit = {
      type: "credit",
      object: "transaction",
      data: {
        reference: "RFND00000001",
        type: "cc_credit",
        status: "completed",
        amount: usd(1500),
        order_reference: "ORD000000001",
        source_transaction: { reference: "LBLJTWW7R9VC", status: "completed", amount: usd(5900), captures: null },
      },
    };
    expect(parseWebhookEvent(encode(JSON.stringify(credit)))).toMatchObject({
      type: "credit",
      transaction: {
        reference: "LBLJTWW7R9VC",
        refundedCents: 1500,
        capturedCents: 0,
        refund: { reference: "RFND00000001", amountCents: 1500 },
      },
    });
  });

  it.each(["newsletter_subscription", "risk_insights", "credit_card_deleted", "some_future_event"])(
    "marks %s as ignored, whatever its data",
    (type) => {
      expect(parseWebhookEvent(encode(JSON.stringify({ type, data: { anything: [1, 2] } })))).toEqual({
        kind: "ignored",
        type,
      });
    },
  );

  it.each([
    ["not JSON", "{type: capture}"],
    ["not UTF-8", "\xff\xfe"],
    ["no type", JSON.stringify({ object: "transaction", data: {} })],
    ["a transaction event without a reference", JSON.stringify({ type: "capture", data: { status: "completed" } })],
    [
      "a credit without the payment it refunded",
      JSON.stringify({ type: "credit", data: { reference: "R", type: "cc_credit" } }),
    ],
    [
      "an amount that is not a number",
      JSON.stringify({ type: "auth", data: { reference: "R", amount: { amount: "5900" } } }),
    ],
  ])("refuses a body that is %s", (_case, text) => {
    const bytes = text === "\xff\xfe" ? new Uint8Array([0xff, 0xfe]) : encode(text);
    expect(() => parseWebhookEvent(bytes)).toThrow(BoltWebhookBodyError);
  });
});
