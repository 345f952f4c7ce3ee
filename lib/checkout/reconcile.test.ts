import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_CREDENTIALS as sandbox } from "bolt-emulator/test-client";
import { stubBoltForFile } from "@/lib/bolt/testing/stub-bolt";
import type { Database } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { captureLog } from "@/lib/log/testing/capture";
import type { Order } from "@/lib/ledger";
import { newOrderId } from "@/lib/ledger/order-id";
import { sealAttempt } from "./attempt";
import { savedCardAttempt } from "./new-attempt";
import { reconcilerDeps } from "./reconcile";
import { CARD_TOKEN, demoCart, GUEST_ADDRESS, guestAttempt } from "./testing/guest";

// What the reconciler learns from Bolt for an order whose answer the checkout never wrote: Bolt's
// transaction read back, or the guest's sealed request sent again exactly as it was.

const bolt = stubBoltForFile();
afterAll(() => vi.unstubAllEnvs());
beforeEach(() => void captureLog());
afterEach(() => vi.restoreAllMocks());

const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
const AUTHORIZE = "POST /v1/merchant/transactions/authorize";

/** The reconciler never touches the database through these; they get the order and its sealed request. */
const deps = () => reconcilerDeps({} as Database, getEnv());

function orderOf(id: string, totalCents = cart.total): Order {
  return { id, totalCents } as Order;
}

/** Bolt's answer to an authorize that went through. */
const authorized = (reference: string) => ({
  transaction: {
    reference,
    status: "authorized",
    amount: { amount: cart.total, currency: "USD" },
    authorization: { status: "succeeded", reason: "none" },
  },
  did_create_bolt_account: false,
});

describe("reconcilerDeps", () => {
  it("holds an order's send longer than one authorize and one read of Bolt may take", () => {
    const env = getEnv();
    const { lockMs } = deps();
    expect(lockMs).toBeGreaterThan(env.boltPaymentTimeoutMs + env.boltTimeoutMs);
  });

  it("reads Bolt's transaction by the order's reference, with the API key, as the order's answer", async () => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", {
      body: {
        reference: "4HYC-GXT8-RRC7",
        status: "authorized",
        amount: { amount: 3724, currency: "USD" },
        authorization: { status: "succeeded", reason: "none" },
      },
    });
    const answer = await deps().readTransaction(orderOf(newOrderId(), 3724), "4HYC-GXT8-RRC7");
    expect(answer).toEqual({ kind: "authorized", boltReference: "4HYC-GXT8-RRC7", amountCents: 3724 });
    expect(bolt.requests[0]?.headers["x-api-key"]).toBe(sandbox.apiKey);
  });

  it("leaves the order unconfirmed when Bolt's transaction can't be read, naming why for the merchant", async () => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", { body: { reference: null } });
    const answer = await deps().readTransaction(orderOf(newOrderId()), "4HYC-GXT8-RRC7");
    expect(answer).toEqual({ kind: "unconfirmed", reason: "Bolt's transaction not read: BoltResponseError" });
  });

  /** A guest's sealed request, ready to send again. */
  async function guestResend(id: string) {
    const resend = await deps().prepareResend(orderOf(id), sealAttempt(guestAttempt(id, cart)));
    if (typeof resend !== "function") throw new Error(`not resendable: ${resend.unsent}`);
    return resend;
  }

  it("resends a guest's sealed request unchanged, under the order's key, with the API key alone", async () => {
    const id = newOrderId();
    bolt.reply(AUTHORIZE, { body: authorized("TX-RESENT") });
    const resend = await guestResend(id);
    expect(bolt.requests).toEqual([]);
    const answer = await resend();
    expect(answer).toMatchObject({ kind: "authorized", boltReference: "TX-RESENT", amountCents: cart.total });
    const [request] = bolt.requests;
    expect(request?.headers["idempotency-key"]).toBe(id);
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request!.body)).toMatchObject({
      cart: { order_reference: id, total_amount: cart.total },
      credit_card: { token: CARD_TOKEN.token },
    });
  });

  it("reads a spent card token on a resend as no answer: the first send may have paid", async () => {
    const id = newOrderId();
    bolt.reply(AUTHORIZE, {
      status: 422,
      body: { result: { success: false }, errors: [{ code: 2001103, message: "token spent" }] },
    });
    const resend = await guestResend(id);
    await expect(resend()).resolves.toMatchObject({ kind: "unconfirmed" });
  });

  it("reads a decline on a resend as Bolt's refusal: Bolt replays it to the same key", async () => {
    const id = newOrderId();
    bolt.reply(AUTHORIZE, {
      status: 422,
      body: { result: { success: false }, errors: [{ code: 2001101, message: "declined" }] },
    });
    const resend = await guestResend(id);
    await expect(resend()).resolves.toMatchObject({ kind: "declined" });
  });

  it("leaves a signed-in shopper's payment for their next visit: it needs their token", async () => {
    const id = newOrderId();
    const payer = { email: "alice@example.com", firstName: "Alice", lastName: "Shopper" };
    const address = { id: "addr_alice", isDefault: true, ...GUEST_ADDRESS };
    const card = { id: "card_alice", network: "visa" as const, last4: "1004", expMonth: 1, expYear: 2099 };
    const attempt = savedCardAttempt(id, cart, payer, address, { ...card, isDefault: true, isExpired: false });
    await expect(deps().prepareResend(orderOf(id), sealAttempt(attempt))).resolves.toEqual({
      unsent: "can be sent again only from the shopper's checkout",
    });
    expect(bolt.requests).toEqual([]);
  });

  it("resends nothing from a seal that does not open", async () => {
    const id = newOrderId();
    const sealed = sealAttempt(guestAttempt(id, cart));
    const unread = { unsent: expect.stringMatching(/does not open/) };
    await expect(deps().prepareResend(orderOf(id), `${sealed.slice(0, -4)}AAAA`)).resolves.toEqual(unread);
    await expect(deps().prepareResend(orderOf(id), "not a seal")).resolves.toEqual(unread);
    expect(bolt.requests).toEqual([]);
  });
});
