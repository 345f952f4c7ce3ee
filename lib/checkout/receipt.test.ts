import { sealData, unsealData, type CookieJar } from "iron-session";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The browser's cookies: what a server action writes through its jar is what a page reads back.
const jarState = vi.hoisted(() => ({
  values: new Map<string, string>(),
  sets: [] as Array<{ name: string; value: string; options: Record<string, unknown> }>,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jarState.values.has(name) ? { value: jarState.values.get(name) } : undefined),
  }),
}));
const jar: CookieJar = {
  read: (name) => jarState.values.get(name),
  write: (name, value, options) => {
    jarState.sets.push({ name, value, options: { ...options } });
    jarState.values.set(name, value);
  },
};

const PASSWORDS = { 1: "receipt-test-old-password-0123456789ab", 2: "receipt-test-new-password-0123456789ab" };

/** A fresh module graph with these variables, since getEnv() reads them once per graph. */
async function load(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.stubEnv("SESSION_PASSWORD", JSON.stringify(PASSWORDS));
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return { ...(await import("./receipt")), ...(await import("@/lib/session/cookie")) };
}

const receipt = {
  orderId: "ORD-1001",
  status: "placed" as const,
  placedAt: Date.now(),
  email: "alice@example.com",
  lines: [{ name: "Stoneware Mug", quantity: 1, lineTotal: 2800 }],
  subtotal: 2800,
  shipping: 700,
  tax: 224,
  total: 3724,
  address: {
    firstName: "Alice",
    lastName: "Doe",
    street1: "1 Test Street",
    locality: "Portland",
    region: "OR",
    postalCode: "97201",
    countryCode: "US",
  },
  card: { network: "visa", last4: "1004" },
  guest: false,
  accountCreated: false,
};

beforeEach(() => {
  jarState.values.clear();
  jarState.sets.length = 0;
});
afterEach(() => vi.unstubAllEnvs());

describe("the order receipt cookie", () => {
  it("reads back what was saved, for its order and email only", async () => {
    const { saveReceipt, readReceipt } = await load();
    await saveReceipt(jar, receipt);
    await expect(readReceipt("ORD-1001", "alice@example.com")).resolves.toEqual(receipt);
    await expect(readReceipt("ORD-1002", "alice@example.com")).resolves.toBeNull();
    await expect(readReceipt("ORD-1001", "mallory@example.com")).resolves.toBeNull();
    await expect(readReceipt("ORD-1001", undefined)).resolves.toBeNull();
  });

  it("shows a guest's order to the browser that placed it, for that order only", async () => {
    const { saveReceipt, readReceipt } = await load();
    const guest = { ...receipt, email: "guest@example.com", guest: true, accountCreated: true };
    await saveReceipt(jar, guest);
    await expect(readReceipt("ORD-1001", undefined)).resolves.toEqual(guest);
    await expect(readReceipt("ORD-1002", undefined)).resolves.toBeNull();
  });

  it("is sealed with the receipt key, never the session's: a session-key seal does not open as a receipt", async () => {
    const { saveReceipt, readReceipt } = await load();
    await saveReceipt(jar, receipt);
    const [{ value: seal } = { value: "" }] = jarState.sets;
    await expect(unsealData(seal, { password: PASSWORDS })).resolves.toEqual({});
    jarState.values.set("order_receipt", await sealData(receipt, { password: PASSWORDS, ttl: 3600 }));
    await expect(readReceipt("ORD-1001", "alice@example.com")).resolves.toBeNull();
  });

  it("never passes as a session cookie", async () => {
    const { saveReceipt, readSession } = await load();
    await saveReceipt(jar, receipt);
    const [{ value: seal } = { value: "" }] = jarState.sets;
    const read = await readSession({ read: () => seal, write: () => undefined });
    expect(read).toEqual({ status: "invalid" });
  });

  it("is HttpOnly, Secure, SameSite=Lax, Path=/, an hour long, and __Host- on an https store", async () => {
    const { saveReceipt } = await load({ APP_ORIGIN: "https://shop.example.com" });
    await saveReceipt(jar, receipt);
    expect(jarState.sets).toEqual([
      {
        name: "__Host-order_receipt",
        value: expect.stringMatching(/^Fe26\.2\*2\*/),
        options: { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 3600 },
      },
    ]);
  });

  it("is cleared under the same name and attributes", async () => {
    const { saveReceipt, clearReceipt, readReceipt } = await load({ APP_ORIGIN: "https://shop.example.com" });
    await saveReceipt(jar, receipt);
    clearReceipt(jar);
    expect(jarState.sets[1]).toEqual({
      name: "__Host-order_receipt",
      value: "",
      options: { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 0 },
    });
    await expect(readReceipt("ORD-1001", "alice@example.com")).resolves.toBeNull();
  });
});
