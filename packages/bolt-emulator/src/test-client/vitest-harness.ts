// The emulator's own tests: one emulator in this process per test file, on a free port, with a test
// client for it, and raw calls for tests that probe a route's answers themselves.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { EmulatorEnv } from "../config";
import { SEED_IDS } from "../store/seeds";
import { startEmulator, type RunningEmulator } from "../server";
import type { FieldToken } from "./answers";
import { EmulatorTestClient } from "./client";
import { call, type Answer, type CallInit, type Json } from "./http";

export { call, type Answer, type Json } from "./http";

export type Harness = {
  readonly url: string;
  readonly emulator: RunningEmulator;
  readonly client: EmulatorTestClient;
};

/** Starts one emulator for the test file (before all tests) and closes it afterwards. */
export function emulatorForFile(env: EmulatorEnv = {}): Harness {
  let running: { emulator: RunningEmulator; client: EmulatorTestClient } | undefined;
  beforeAll(async () => {
    const emulator = await startEmulator({ port: 0, env });
    running = { emulator, client: new EmulatorTestClient(emulator.url, emulator.settings) };
  });
  afterAll(async () => {
    await running?.emulator.close();
  });
  const started = () => {
    if (!running) throw new Error("the emulator is not running yet");
    return running;
  };
  return {
    get url() {
      return started().emulator.url;
    },
    get emulator() {
      return started().emulator;
    },
    get client() {
      return started().client;
    },
  };
}

/** The sandbox credentials a test emulator runs with. */
export function credentials(harness: Harness) {
  const { publishableKey, apiKey, divisionId } = harness.emulator.settings;
  return { publishableKey, apiKey, divisionId };
}

export function tokenForm(harness: Harness, fields: Record<string, string>): Record<string, string> {
  return harness.client.tokenForm(fields);
}

/** A raw token request, for tests of the token endpoint's refusals. */
export function postToken(harness: Harness, fields: Record<string, string>): Promise<Answer> {
  return call(`${harness.url}/v1/oauth/token`, { form: tokenForm(harness, fields) });
}

/** A code for a seeded shopper, minted the way the login modal does it. */
export async function seededCode(harness: Harness, email: string): Promise<string> {
  const answer = await call(`${harness.url}/connect/login/verify`, {
    json: { email, otp: harness.emulator.settings.otp },
    headers: { Origin: harness.url },
  });
  if (answer.status !== 200) throw new Error(`verify answered ${answer.status}: ${answer.text}`);
  return String(answer.body.authorizationCode);
}

export function bearer(harness: Harness, accessToken: string): Record<string, string> {
  return harness.client.bearer(accessToken);
}

/** A raw call to an admin hook, for tests of the hooks themselves. */
export function admin(harness: Harness, path: string, init: CallInit = {}): Promise<Answer> {
  return call(`${harness.url}/__emulator${path}`, init);
}

/**
 * A saved-card authorization body (`merchant_credit_card_authorization_recharge`): alice's Visa, a
 * $42.00 cart with a fresh order reference, the emulator's division. `cart` fields merge into the cart.
 */
export function recharge(harness: Harness, overrides: { cart?: Json } & Json = {}): Json {
  const { cart, ...rest } = overrides;
  return {
    cart: testCart(cart),
    credit_card_id: SEED_IDS.aliceVisa,
    division_id: credentials(harness).divisionId,
    source: "direct_payments",
    user_identifier: { email: "alice@example.com", phone: "+14155550101" },
    user_identity: { first_name: "Alice", last_name: "Shopper" },
    ...rest,
  };
}

/**
 * Alice pays with a saved card (her Visa unless `overrides` say otherwise): a fresh code, its token
 * and the authorization. Answers the authorization as it came.
 */
export async function payAsAlice(
  harness: Harness,
  overrides: { cart?: Json } & Json = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
  return call(`${harness.url}/v1/merchant/transactions/authorize`, {
    json: recharge(harness, overrides),
    headers: { ...bearer(harness, tokens.access_token), ...headers },
  });
}

/** The reference of the transaction an authorization answered with. */
export function referenceOf(answer: Answer): string {
  const reference = (answer.body.transaction as Json | undefined)?.reference;
  if (typeof reference !== "string") throw new Error(`no transaction in ${answer.status}: ${answer.text}`);
  return reference;
}

/** A $42.00 cart with a fresh order reference; `overrides` merge into it. */
function testCart(overrides: Json = {}): Json {
  return {
    order_reference: `order-${randomUUID()}`,
    currency: "USD",
    total_amount: 4200,
    tax_amount: 0,
    items: [{ reference: "sku-1", name: "Tote bag", total_amount: 4200, unit_price: 2100, quantity: 2 }],
    ...overrides,
  };
}

/**
 * A new-card authorization body (`merchant_credit_card_authorization`) for a field token: a guest
 * (`nobody@example.com`, +15125550100) paying $42.00, shipping to Austin, no account made. `cart` fields merge into
 * the cart, `credit_card` fields into the card.
 */
export function newCardPayment(
  harness: Harness,
  token: FieldToken,
  overrides: { cart?: Json; credit_card?: Json } & Json = {},
): Json {
  const { cart, credit_card: card, ...rest } = overrides;
  return {
    cart: testCart(cart),
    credit_card: {
      token: token.token,
      last4: token.last4,
      bin: token.bin,
      expiration: token.expiration,
      postal_code: token.postal_code,
      token_type: "bolt",
      ...card,
    },
    create_bolt_account: false,
    division_id: credentials(harness).divisionId,
    source: "direct_payments",
    user_identifier: { email: "nobody@example.com", phone: "+15125550100" },
    user_identity: { first_name: "Nora", last_name: "Guest" },
    shipping_address: {
      first_name: "Nora",
      last_name: "Guest",
      street_address1: "12 Guest Lane",
      locality: "Austin",
      region: "TX",
      postal_code: "78701",
      country_code: "US",
      email: "nobody@example.com",
    },
    ...rest,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A webhook request as the merchant's server received it. */
export type ReceivedHook = { headers: IncomingHttpHeaders; body: string; json: Json; at: number };

export type Receiver = {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedHook[];
  /** The hooks received about one payment (`data.reference`, or for a refund its `source_transaction`). */
  about(reference: string): ReceivedHook[];
  /** Waits until `count` hooks about the payment arrived, and answers them. */
  waitFor(reference: string, count: number, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
};

function paymentOf(hook: ReceivedHook): string {
  const data = hook.json.data as Json | undefined;
  const source = data?.source_transaction as Json | undefined;
  return String(source?.reference ?? data?.reference ?? "");
}

/**
 * A merchant's webhook endpoint for tests, on `port` (0: a free one). `answer` says the status of the
 * n-th request (0-based) it receives, 200 by default, or `"hang"` to never answer.
 */
export async function webhookReceiver(
  answer: (hook: ReceivedHook, index: number) => number | "hang" = () => 200,
  port = 0,
): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Json = {};
      try {
        json = JSON.parse(body) as Json;
      } catch {
        // tests read `body`
      }
      const hook = { headers: req.headers, body, json, at: Date.now() };
      received.push(hook);
      const status = answer(hook, received.length - 1);
      if (status !== "hang") res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  const about = (reference: string) => received.filter((hook) => paymentOf(hook) === reference);
  return {
    url: `http://127.0.0.1:${bound}/api/bolt/webhooks`,
    port: bound,
    received,
    about,
    async waitFor(reference, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (about(reference).length < count) {
        if (Date.now() > deadline) {
          throw new Error(`${about(reference).length} of ${count} webhooks about ${reference} arrived in time`);
        }
        await sleep(10);
      }
      return about(reference);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
