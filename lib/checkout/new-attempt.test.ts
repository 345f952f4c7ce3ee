import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoltApiError, BoltUnavailableError } from "@/lib/bolt";
import { SignedOutError } from "@/lib/session/errors";
import { stubBoltForFile } from "@/lib/bolt/testing/stub-bolt";
import { captureLog } from "@/lib/log/testing/capture";
import { newOrderId } from "@/lib/ledger/order-id";
import { authorizeAttempt, openAttempt, sealAttempt, type Attempt } from "./attempt";
import { CardNotSavedError, newCardOrder, savedCardOrder, StaleChoiceError } from "./new-attempt";
import { CARD_TOKEN, demoCart, GUEST_CHOICE } from "./testing/guest";

// A signed-in shopper's choices, checked against their Bolt account as it is at the click, turned into
// the payment request the order sends (and any resend sends again, unchanged).

const bolt = stubBoltForFile();
afterAll(() => vi.unstubAllEnvs());
beforeEach(() => void captureLog());
afterEach(() => vi.restoreAllMocks());

const TOKEN = "access-token-of-alice";
const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
const AUTHORIZE = "POST /v1/merchant/transactions/authorize";
const SAVE_CARD = "POST /v1/account/payment_methods";

const wireAddress = (id: string, street: string, phone?: string) => ({
  id,
  first_name: "Alice",
  last_name: "Shopper",
  street_address1: street,
  locality: "Portland",
  region: "OR",
  postal_code: "97201",
  country_code: "US",
  phone_number: phone,
  default: false,
});
const wireCard = (id: string, last4: string, expYear = 2099) => ({
  id,
  type: "card",
  network: "visa",
  last4,
  exp_month: 8,
  exp_year: expYear,
  default: false,
});

/** Alice's Bolt account: two addresses, two cards (the second expired). */
function account({ phone = "+15035550100" as string | null } = {}) {
  bolt.reply("GET /v1/account", {
    body: {
      profile: { email: "alice@example.com", first_name: "Alice", last_name: "Shopper", phone },
      addresses: [wireAddress("addr_home", "1 Home Street", "+15035550111"), wireAddress("addr_work", "2 Work Road")],
      payment_methods: [wireCard("card_visa", "1111"), wireCard("card_old", "2222", 2001)],
    },
  });
}

const authorized = {
  transaction: {
    reference: "TX-ALICE",
    status: "authorized",
    amount: { amount: cart.total, currency: "USD" },
    authorization: { status: "succeeded", reason: "none" },
  },
};

/** What Bolt receives when the attempt is sent, after it was sealed and opened as a resend would. */
async function sentToBolt(attempt: Attempt) {
  bolt.reply(AUTHORIZE, { body: authorized });
  const opened = await openAttempt(await sealAttempt(attempt));
  expect(opened).toEqual(attempt);
  await authorizeAttempt(opened!, attempt.signedIn ? TOKEN : undefined);
  const request = bolt.requests.find((sent) => `${sent.method} ${sent.path}` === AUTHORIZE)!;
  return { body: JSON.parse(request.body) as Record<string, unknown>, headers: request.headers };
}

describe("savedCardOrder: a saved card and address of the shopper's Bolt account", () => {
  it("pays with the chosen card, shipped to the chosen address, with the shopper's token, under the order's id", async () => {
    account();
    const orderId = newOrderId();
    const attempt = await savedCardOrder(TOKEN, orderId, cart, { addressId: "addr_work", cardId: "card_visa" });
    expect(attempt).toMatchObject({ signedIn: true, card: { network: "visa", last4: "1111" } });
    const { body, headers } = await sentToBolt(attempt);
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers["idempotency-key"]).toBe(orderId);
    expect(body).toMatchObject({
      credit_card_id: "card_visa",
      cart: { order_reference: orderId, total_amount: cart.total },
      shipping_address: { street_address1: "2 Work Road", email: "alice@example.com" },
      user_identifier: { email: "alice@example.com", phone: "+15035550100" },
    });
  });

  it("gives Bolt the profile's phone, else the chosen address's", async () => {
    account({ phone: null });
    const home = await savedCardOrder(TOKEN, newOrderId(), cart, { addressId: "addr_home", cardId: "card_visa" });
    expect(home.payment.input.user.phone).toBe("+15035550111");
    account();
    const work = await savedCardOrder(TOKEN, newOrderId(), cart, { addressId: "addr_home", cardId: "card_visa" });
    expect(work.payment.input.user.phone).toBe("+15035550100");
  });

  it.each([
    ["an address no longer in the account", { addressId: "addr_deleted", cardId: "card_visa" }, "addressGone"],
    ["a card no longer in the account", { addressId: "addr_home", cardId: "card_deleted" }, "cardGone"],
    ["a card that has expired since", { addressId: "addr_home", cardId: "card_old" }, "savedCardExpired"],
  ])("refuses %s before anything is sent", async (_name, choice, reason) => {
    account();
    const error: unknown = await savedCardOrder(TOKEN, newOrderId(), cart, choice).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StaleChoiceError);
    expect(error).toMatchObject({ reason });
    expect(bolt.requests.map((request) => request.method)).toEqual(["GET"]);
  });
});

describe("newCardOrder: a card typed into Bolt's payment field by a signed-in shopper", () => {
  it("pays once with the field's token, signed in, and saves nothing when not asked to", async () => {
    account();
    const orderId = newOrderId();
    const attempt = await newCardOrder(TOKEN, orderId, cart, { addressId: "addr_work", card: CARD_TOKEN, save: false });
    expect(attempt).toMatchObject({
      signedIn: true,
      payment: { kind: "new-card", input: { save: false, createAccount: false } },
      card: { network: "visa", last4: CARD_TOKEN.last4 },
    });
    const { body, headers } = await sentToBolt(attempt);
    expect(bolt.requests.some((request) => `${request.method} ${request.path}` === SAVE_CARD)).toBe(false);
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(body).toMatchObject({
      credit_card: {
        token: CARD_TOKEN.token,
        save: false,
        billing_address: { street_address1: "2 Work Road", email: "alice@example.com" },
      },
      create_bolt_account: false,
      shipping_address: { street_address1: "2 Work Road" },
    });
  });

  it("with “Save this card”, adds it to the wallet billed to the chosen address, then pays with the saved card", async () => {
    account();
    bolt.reply(SAVE_CARD, { body: wireCard("card_new", CARD_TOKEN.last4) });
    const orderId = newOrderId();
    const attempt = await newCardOrder(TOKEN, orderId, cart, { addressId: "addr_work", card: CARD_TOKEN, save: true });
    const saved = JSON.parse(bolt.requests.find((request) => request.method === "POST")!.body) as Record<
      string,
      unknown
    >;
    expect(saved).toMatchObject({ token: CARD_TOKEN.token, billing_address_id: "addr_work" });
    expect(attempt).toMatchObject({ signedIn: true, payment: { kind: "saved-card", input: { cardId: "card_new" } } });
    const { body } = await sentToBolt(attempt);
    expect(body).toMatchObject({ credit_card_id: "card_new", shipping_address: { street_address1: "2 Work Road" } });
  });

  it("refuses an address no longer in the account, saving and sending nothing", async () => {
    account();
    const choice = { addressId: "addr_deleted", card: CARD_TOKEN, save: true };
    await expect(newCardOrder(TOKEN, newOrderId(), cart, choice)).rejects.toMatchObject({ reason: "addressGone" });
    expect(bolt.requests.map((request) => request.method)).toEqual(["GET"]);
  });

  it.each([400, 422, 499])("reads a %i to saving the card as the card's trouble: nothing was paid", async (status) => {
    account();
    bolt.reply(SAVE_CARD, { status, body: { errors: [{ code: 2001103, message: "token spent" }] } });
    const choice = { addressId: "addr_work", card: CARD_TOKEN, save: true };
    await expect(newCardOrder(TOKEN, newOrderId(), cart, choice)).rejects.toBeInstanceOf(CardNotSavedError);
    expect(bolt.requests.some((request) => request.path.endsWith("/authorize"))).toBe(false);
  });

  it.each([
    ["a refused token (401)", 401, BoltApiError],
    ["a forbidden token (403)", 403, BoltApiError],
    ["Bolt failing (500)", 500, BoltUnavailableError],
    ["Bolt asking to slow down (429)", 429, BoltUnavailableError],
  ])("lets %s through as it is: not the card's trouble", async (_name, status, type) => {
    account();
    bolt.reply(SAVE_CARD, { status, body: { errors: [{ code: 18, message: "no" }] } });
    const choice = { addressId: "addr_work", card: CARD_TOKEN, save: true };
    const error: unknown = await newCardOrder(TOKEN, newOrderId(), cart, choice).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status });
  });
});

describe("the request either attempt sends", () => {
  it("never pays with a saved card without the shopper's token: nothing is sent", async () => {
    account();
    const attempt = await savedCardOrder(TOKEN, newOrderId(), cart, { addressId: "addr_home", cardId: "card_visa" });
    await expect(authorizeAttempt(attempt, undefined)).rejects.toThrow(SignedOutError);
    expect(bolt.requests.some((request) => request.path.endsWith("/authorize"))).toBe(false);
  });

  it.each([
    ["auto", true],
    ["manual", false],
  ])("under BOLT_CAPTURE=%s, asks Bolt to capture at once: %s", async (mode, capture) => {
    vi.stubEnv("BOLT_CAPTURE", mode);
    vi.resetModules();
    try {
      const { newCardAttempt, savedCardAttempt } = await import("./new-attempt");
      const address = { id: "addr_home", isDefault: true, ...GUEST_CHOICE.address };
      const card = { id: "card_visa", network: "visa" as const, last4: "1111", expMonth: 8, expYear: 2099 };
      const saved = savedCardAttempt(newOrderId(), cart, GUEST_CHOICE.payer, address, {
        ...card,
        isDefault: true,
        isExpired: false,
      });
      const typed = newCardAttempt(newOrderId(), cart, GUEST_CHOICE);
      expect([saved.payment.input.autoCapture, typed.payment.input.autoCapture]).toEqual([capture, capture]);
    } finally {
      vi.stubEnv("BOLT_CAPTURE", "");
    }
  });
});
