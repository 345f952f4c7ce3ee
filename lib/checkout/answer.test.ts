import { describe, expect, it } from "vitest";
import {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltProcessorError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
} from "@/lib/bolt";
import { BoltMissingFieldError } from "@/lib/bolt/errors";
import type { BoltTransaction } from "@/lib/bolt";
import { Answer } from "@/lib/ledger/inputs";
import { learnedFrom, learnedFromTransaction } from "./answer";

const ORDER = { id: "7K3M9Q2XR8WD", totalCents: 3724 };
const failed = (error: unknown) => ({ ok: false as const, error });
const first = (error: unknown) => learnedFrom(failed(error), { resend: false, order: ORDER });
const resent = (error: unknown) => learnedFrom(failed(error), { resend: true, order: ORDER });

describe("learnedFrom", () => {
  it("records Bolt's authorization with its reference, order number, amount and any account it made", () => {
    const authorization = {
      orderId: "1234567890",
      status: "placed" as const,
      transactionReference: "4HYC-GXT8-RRC7",
      amount: 3724,
      accountCreated: true,
    };
    expect(learnedFrom({ ok: true, authorization }, { resend: false, order: ORDER })).toEqual({
      answer: {
        kind: "authorized",
        boltReference: "4HYC-GXT8-RRC7",
        boltOrderNumber: "1234567890",
        amountCents: 3724,
        accountCreated: true,
      },
    });
  });

  it("passes on the card's network when Bolt's answer names it", () => {
    const authorization = { orderId: "1234567890", status: "placed" as const, accountCreated: false, network: "visa" };
    expect(learnedFrom({ ok: true, authorization }, { resend: false, order: ORDER }).answer).toMatchObject({
      cardNetwork: "visa",
    });
  });

  it("reads an order held for review as in review, and fills in what Bolt's answer may leave out", () => {
    const authorization = { orderId: "R".repeat(80), status: "in_review" as const, accountCreated: false };
    expect(learnedFrom({ ok: true, authorization }, { resend: true, order: ORDER }).answer).toEqual({
      kind: "in_review",
      boltReference: ORDER.id,
      boltOrderNumber: undefined,
      amountCents: ORDER.totalCents,
    });
  });

  it.each([
    ["a decline", new BoltDeclinedError("no", 422, 2001101), "declined"],
    ["a failed CVV check", new BoltDeclinedError("no", 422, 2001104), "security_code"],
    ["a processor error", new BoltProcessorError("error", 200, "processing_error"), "processor_error"],
  ])("ends the order on %s, whether first sent or resent (Bolt replays it)", (_name, error, refusal) => {
    for (const learned of [first(error), resent(error)]) {
      expect(learned.refusal).toBe(refusal);
      expect(learned.answer).toMatchObject({ kind: "declined", reason: expect.stringContaining(refusal) });
    }
  });

  it.each([
    ["a spent card token", new BoltCardTokenError("no", 422, 2001103), "card_token"],
    ["invalid input", new BoltApiError("no", 422, 2001005), "refused"],
    ["a bad request", new BoltApiError("no", 400, 2001005), "refused"],
  ])(
    "ends the order on %s at the first send, but not on a resend: the first send may have paid",
    (_name, error, refusal) => {
      expect(first(error)).toMatchObject({ answer: { kind: "declined" }, refusal });
      expect(resent(error)).toEqual({ answer: { kind: "unconfirmed", reason: expect.any(String) } });
    },
  );

  it.each([
    ["a timeout", new BoltTimeoutError("no answer", 0)],
    ["a 5xx", new BoltUnavailableError("503", 503)],
    ["a 409", new BoltApiError("409", 409, 409)],
    ["a 401", new BoltApiError("401", 401, 1002)],
    ["a 403", new BoltApiError("403", 403, 18)],
    ["an unreadable 2xx", new BoltResponseError("bad shape", 200)],
    ["a 2xx without the order's name", new BoltMissingFieldError("authorize", "order_number")],
    ["an error of our own", new Error("boom")],
  ])("leaves the order unconfirmed on %s, first sent or resent", (_name, error) => {
    for (const learned of [first(error), resent(error)]) {
      expect(learned).toEqual({ answer: { kind: "unconfirmed", reason: expect.any(String) } });
    }
  });

  it("says why in the ledger without Bolt's words or any of the order's data", () => {
    const error = new BoltApiError("authorize: Bolt answered 422 (code 2001005)", 422, 2001005, "nora@example.test");
    expect(first(error).answer).toEqual({ kind: "declined", reason: "refused (2001005)" });
    expect(first(new BoltTimeoutError("x", 0)).answer).toEqual({ kind: "unconfirmed", reason: "BoltTimeoutError 0" });
    expect(first(new BoltDeclinedError("no", 200)).answer).toEqual({ kind: "declined", reason: "declined" });
    const ours = new TypeError("cannot read nora@example.test");
    expect(first(ours).answer).toEqual({ kind: "unconfirmed", reason: "TypeError: no answer known" });
    expect(first("thrown text").answer).toEqual({ kind: "unconfirmed", reason: "no answer known" });
  });

  it("gives the ledger an answer it can record, whatever Bolt sends", () => {
    const long = (length: number) => "R".repeat(length);
    const placed = { orderId: "1234567890", status: "placed" as const, accountCreated: false };
    const answers = [
      learnedFrom({ ok: true, authorization: { ...placed, network: long(40) } }, { resend: false, order: ORDER }),
      learnedFrom(
        { ok: true, authorization: { ...placed, transactionReference: long(64) } },
        { resend: false, order: ORDER },
      ),
      first(new BoltDeclinedError("no", 422, long(600))),
      first(new BoltProcessorError("error", 200, long(600))),
      first(new TypeError("boom")),
      first(undefined),
    ].map((learned) => learned.answer);
    for (const answer of answers) expect(Answer.safeParse(answer).error).toBeUndefined();
    expect(answers[0]).toMatchObject({ cardNetwork: long(32) });
    expect(answers[1]).toMatchObject({ boltReference: long(64) });
    expect(answers[2]).toEqual({ kind: "declined", reason: `declined (${long(64)})` });
  });
});

describe("learnedFromTransaction", () => {
  const view = (state: BoltTransaction["state"]): BoltTransaction => ({
    reference: "TX-1",
    state,
    authorizedCents: 3724,
    capturedCents: 0,
    refundedCents: 0,
  });
  it.each([
    ["authorized", { kind: "authorized", boltReference: "TX-1", amountCents: 3724 }],
    ["completed", { kind: "authorized", boltReference: "TX-1", amountCents: 3724 }],
    ["voided", { kind: "authorized", boltReference: "TX-1", amountCents: 3724 }],
    ["in_review", { kind: "in_review", boltReference: "TX-1", amountCents: 3724 }],
    ["rejected", { kind: "in_review", boltReference: "TX-1", amountCents: 3724 }],
    ["declined", { kind: "declined", reason: expect.any(String) }],
    ["unknown", { kind: "unconfirmed", reason: expect.any(String) }],
  ] as const)("reads a transaction Bolt holds as %s", (state, answer) => {
    const learned = learnedFromTransaction(view(state), 9999);
    expect(learned).toEqual(answer);
    expect(Answer.safeParse(learned).error).toBeUndefined();
  });

  it("falls back to the order's total when Bolt's view has no authorized amount", () => {
    expect(learnedFromTransaction({ ...view("authorized"), authorizedCents: undefined }, 9999)).toMatchObject({
      amountCents: 9999,
    });
  });
});
