import { describe, expect, it } from "vitest";
import { newCardAttempt } from "./new-attempt";
import { readCardToken, readGuestDetails, readId, readShown, toE164 } from "./payment-form";
import { CARD_TOKEN, demoCart, GUEST_ADDRESS, GUEST_CHOICE } from "./testing/guest";

/** What the payment field's `tokenize()` resolves with, as the page sends it. */
const TOKEN = {
  token: CARD_TOKEN.token,
  bin: CARD_TOKEN.bin,
  last4: CARD_TOKEN.last4,
  expiration: CARD_TOKEN.expiration,
  network: CARD_TOKEN.network,
  token_type: "bolt",
  postal_code: CARD_TOKEN.postalCode,
};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const ADDRESS = GUEST_ADDRESS;

describe("readCardToken", () => {
  it("reads the token the payment field resolved with", () => {
    expect(readCardToken(form({ card: JSON.stringify(TOKEN) }))).toEqual(CARD_TOKEN);
  });

  it("reads the lean token of Bolt's newer field: no network, no ZIP, no BIN", () => {
    const lean = { token: TOKEN.token, last4: TOKEN.last4, expiration: TOKEN.expiration, token_type: "bolt" };
    expect(readCardToken(form({ card: JSON.stringify(lean) }))).toEqual({
      token: CARD_TOKEN.token,
      last4: "1004",
      expiration: "2031-08",
      network: "unknown",
    });
  });

  it.each([
    ["no card", {}],
    ["a bare number", { card: "4111111111111004" }],
    ["text that is not JSON", { card: '{"token": "tok_' }],
    ["a tokenize failure", { card: JSON.stringify({ type: "validation_error", message: "bad" }) }],
    ["a malformed last4", { card: JSON.stringify({ ...TOKEN, last4: "04" }) }],
    ["another token type", { card: JSON.stringify({ ...TOKEN, token_type: "stripe" }) }],
    ["a malformed expiry", { card: JSON.stringify({ ...TOKEN, expiration: "08/31" }) }],
  ])("refuses %s", (_name, fields) => {
    expect(readCardToken(form(fields))).toBeUndefined();
  });

  it("reads a field of up to 4 KB, and refuses a longer one unread, however well-formed", () => {
    const json = JSON.stringify(TOKEN);
    // JSON allows trailing whitespace: the same token, padded to the limit and past it.
    expect(readCardToken(form({ card: json.padEnd(4096, " ") }))).toEqual(CARD_TOKEN);
    expect(readCardToken(form({ card: json.padEnd(4097, " ") }))).toBeUndefined();
  });

  it("refuses a file posted in place of the token", () => {
    const data = new FormData();
    data.set("card", new Blob([JSON.stringify(TOKEN)]), "card.json");
    expect(readCardToken(data)).toBeUndefined();
  });
});

describe("readShown", () => {
  it("needs a whole-cent total and a fingerprint", () => {
    expect(readShown(form({ total: "3724", fingerprint: "abc_-1" }))).toEqual({ total: 3724, fingerprint: "abc_-1" });
    expect(readShown(form({ total: "37.24", fingerprint: "abc" }))).toBeUndefined();
    expect(readShown(form({ total: "3724" }))).toBeUndefined();
  });
});

describe("readId", () => {
  it("reads a chosen address's or card's id, and nothing empty, overlong or posted as a file", () => {
    expect(readId(form({ addressId: "addr_1" }), "addressId")).toBe("addr_1");
    expect(readId(form({ addressId: "a".repeat(128) }), "addressId")).toBe("a".repeat(128));
    expect(readId(form({ addressId: "a".repeat(129) }), "addressId")).toBeUndefined();
    expect(readId(form({ addressId: "" }), "addressId")).toBeUndefined();
    expect(readId(form({}), "addressId")).toBeUndefined();
    const file = new FormData();
    file.set("addressId", new Blob(["addr_1"]), "id.txt");
    expect(readId(file, "addressId")).toBeUndefined();
  });
});

describe("readGuestDetails", () => {
  it("reads the guest's email, address and consent, with the mobile in E.164", () => {
    const read = readGuestDetails(
      form({ ...ADDRESS, email: "nora@example.test", createAccount: "on", mobile: "(503) 555-0123" }),
    );
    expect(read).toEqual({
      ok: true,
      details: {
        email: "nora@example.test",
        address: expect.objectContaining({ street1: "12 Guest Lane" }),
        mobile: "+15035550123",
        createAccount: true,
      },
    });
  });

  it("wants a mobile number from every guest, with or without a Bolt account: Bolt's authorize requires one", () => {
    for (const createAccount of ["on", "off"]) {
      const read = readGuestDetails(form({ ...ADDRESS, email: "nora@example.test", createAccount }));
      expect(read).toMatchObject({ ok: false, fields: { mobile: expect.stringContaining("mobile number") } });
    }
    const given = readGuestDetails(
      form({ ...ADDRESS, email: "nora@example.test", createAccount: "off", mobile: "503 555 0123" }),
    );
    expect(given).toMatchObject({ ok: true, details: { createAccount: false, mobile: "+15035550123" } });
  });

  it("says what is wrong with a mobile number Bolt could not text", () => {
    const read = readGuestDetails(form({ ...ADDRESS, email: "nora@example.test", mobile: "call me" }));
    expect(read).toMatchObject({ ok: false, fields: { mobile: expect.stringContaining("country code") } });
  });

  it("reads an email and a mobile number typed with spaces around them", () => {
    const read = readGuestDetails(form({ ...ADDRESS, email: "  nora@example.test ", mobile: " 503 555 0123 " }));
    expect(read).toMatchObject({ ok: true, details: { email: "nora@example.test", mobile: "+15035550123" } });
  });

  it("asks for a mobile number when none was typed, or only spaces, rather than calling it unreadable", () => {
    for (const mobile of [undefined, "   "]) {
      const fields = { ...ADDRESS, email: "nora@example.test", ...(mobile === undefined ? {} : { mobile }) };
      expect(readGuestDetails(form(fields))).toEqual({
        ok: false,
        message: "Check the highlighted fields.",
        fields: { mobile: "Enter your mobile number: Bolt needs one for every payment, e.g. +1 415 555 0100." },
      });
    }
  });

  it("highlights only the fields at fault", () => {
    expect(readGuestDetails(form({ ...ADDRESS, email: "nope", mobile: "503 555 0123" }))).toEqual({
      ok: false,
      message: "Check the highlighted fields.",
      fields: { email: "Enter your email address." },
    });
    expect(readGuestDetails(form({ ...ADDRESS, email: "nora@example.test", mobile: "call me" }))).toEqual({
      ok: false,
      message: "Check the highlighted fields.",
      fields: { mobile: expect.stringContaining("country code") },
    });
  });

  it("asks for an email when none was sent, or a file was sent in its place", () => {
    const withFile = form({ ...ADDRESS, mobile: "503 555 0123" });
    withFile.set("email", new Blob(["nora@example.test"]), "email.txt");
    for (const data of [form({ ...ADDRESS, mobile: "503 555 0123" }), withFile]) {
      expect(readGuestDetails(data)).toMatchObject({ ok: false, fields: { email: "Enter your email address." } });
    }
  });

  it("names a missing email and refuses an address that doesn't hold", () => {
    expect(readGuestDetails(form({ ...ADDRESS, email: "nope" }))).toMatchObject({
      ok: false,
      fields: { email: "Enter your email address." },
    });
    expect(readGuestDetails(form({ ...ADDRESS, postalCode: "ABC", email: "nora@example.test" }))).toMatchObject({
      ok: false,
      message: "Check your shipping address.",
    });
  });
});

describe("newCardAttempt", () => {
  const cart = demoCart([{ id: "lh-mug", quantity: 1 }]);
  const choice = { ...GUEST_CHOICE, createAccount: true };

  it("charges the server's prices, bills the shipping address, and names the payment after its order", () => {
    const first = newCardAttempt("7K3M9Q2XR8WD", cart, choice);
    // The order's id is Bolt's order_reference and every send's Idempotency-Key: one order, one charge.
    expect(first.payment.input.idempotencyKey).toBe("7K3M9Q2XR8WD");
    expect(first.payment.input.cart.orderReference).toBe("7K3M9Q2XR8WD");
    expect(first.payment).toMatchObject({
      kind: "new-card",
      input: {
        cart: { totalAmount: cart.total, taxAmount: cart.tax, shippingAmount: cart.shipping },
        billingAddress: { street1: "12 Guest Lane", email: "nora@example.test" },
        createAccount: true,
      },
    });
  });
});

describe("toE164", () => {
  it.each([
    ["+1 415 555 0100", "US", "+14155550100"],
    ["(415) 555-0100", "US", "+14155550100"],
    ["416-555-0100", "CA", "+14165550100"],
    ["07700 900123", "GB", "+447700900123"],
    ["0044 7700 900123", "US", "+447700900123"],
  ] as const)("reads %j shipping to %s as %s", (typed, country, expected) => {
    expect(toE164(typed, country)).toBe(expected);
  });

  it.each(["", "12", "+0 555 0100", "call me", "+1 415 555 0100 ext 2", "1+415 555 0100"])("refuses %j", (typed) => {
    expect(toE164(typed, "US")).toBeUndefined();
  });
});
