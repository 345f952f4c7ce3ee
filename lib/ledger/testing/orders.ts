import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Database, DatabaseHandle } from "@/lib/db/client";
import { openTestDatabase, type TestDatabaseKind } from "@/lib/db/testing/test-databases";
import type { NewOrderInput } from "../inputs";
import { hashCheckoutId } from "../secrets";

/** A database for the enclosing describe block, open before its tests and closed after them. */
export function useTestDatabase(kind: TestDatabaseKind): () => Database {
  let handle: DatabaseHandle | undefined;
  // Starting PGlite and migrating it takes seconds on a busy machine.
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error("The test database is not open yet");
    return handle.db;
  };
}

/**
 * Waits out the database clock's tick before the next order: PGlite's counts whole milliseconds, and a
 * list newest first can only be told apart by time if its orders are.
 */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2));
}

/** A new browser's checkout, as the ledger files orders under it. */
export function newCheckout(): string {
  return hashCheckoutId(randomBytes(18).toString("base64url"));
}

/** A new shopper's Bolt `sub`. */
export function newSub(): string {
  return `sub_${randomBytes(8).toString("hex")}`;
}

export function newEmail(): string {
  return `shopper-${randomBytes(6).toString("hex")}@example.com`;
}

/** Two tees shipped to Portland, paid with a Visa: a guest's unless `shopperSub` is given. */
export function orderInput(overrides: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    currency: "USD",
    itemsCents: 5000,
    shippingCents: 500,
    taxCents: 400,
    totalCents: 5900,
    lines: [{ productId: "tee", name: "Organic tee", unitPriceCents: 2500, quantity: 2, lineTotalCents: 5000 }],
    shopperSub: null,
    email: newEmail(),
    shipTo: {
      firstName: "Nora",
      lastName: "Guest",
      street1: "12 Guest Lane",
      locality: "Portland",
      region: "Oregon",
      regionCode: "OR",
      postalCode: "97201",
      countryCode: "US",
      phone: "+15035550100",
    },
    card: { network: "visa", last4: "1111" },
    checkoutIdHash: newCheckout(),
    ...overrides,
  };
}
