// Test-side access to the Bolt emulator: its testing endpoints (as Bolt's sandbox has) and its
// loopback-only admin hooks for faults, the request log, per-shopper lifetimes and placed orders.
import { SANDBOX_CREDENTIALS } from "../../emulator/sandbox";
import { TEST_EMULATOR_URL } from "../../scripts/ports.mjs";

export const EMULATOR_URL = process.env.BOLT_EMULATOR_URL ?? TEST_EMULATOR_URL;
export const SANDBOX = SANDBOX_CREDENTIALS;
export const OTP = "123456";

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type TestShopper = { email: string; otp: string; oauthCode: string };

/** A fresh shopper of this test's own, through Bolt's sandbox testing endpoint. */
export async function createShopper(options: { hasAddress?: boolean } = {}): Promise<TestShopper> {
  const body = await call<{ email: string; otp_code: string; oauth_code: string }>(
    "POST",
    "/v1/testing/shopper/create",
    { email_state: "verified", phone_state: "verified", has_address: options.hasAddress ?? true },
    { "X-API-Key": SANDBOX.apiKey, "X-Publishable-Key": SANDBOX.publishableKey },
  );
  return { email: body.email, otp: body.otp_code, oauthCode: body.oauth_code };
}

/** Exchanges a code directly at the emulator, as a merchant back end would (used to set up accounts). */
export async function exchangeCode(code: string): Promise<{ accessToken: string }> {
  const response = await fetch(`${EMULATOR_URL}/v1/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      client_id: SANDBOX.publishableKey,
      client_secret: SANDBOX.apiKey,
      scope: "bolt.account.manage openid",
    }),
  });
  if (!response.ok) throw new Error(`token exchange answered ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return { accessToken: body.access_token };
}

/** Saves Bolt's universal test card (Visa …1004) to a shopper's wallet, so they can pay in one click. */
export async function addTestCard(shopper: TestShopper, options: { makeDefault?: boolean } = {}) {
  const { accessToken } = await exchangeCode(shopper.oauthCode);
  const card = await call<{ token: string; last4: string; bin: string; network: string }>(
    "GET",
    "/v1/testing/card_token",
    undefined,
    {
      "X-API-Key": SANDBOX.apiKey,
    },
  );
  const auth = { Authorization: `Bearer ${accessToken}`, "X-API-Key": SANDBOX.apiKey };
  const account = await call<{ addresses: Array<Record<string, unknown>> }>("GET", "/v1/account", undefined, auth);
  const address = account.addresses[0];
  if (!address) throw new Error("the shopper needs an address before a card");
  await call(
    "POST",
    "/v1/account/payment_methods",
    {
      token: card.token,
      last4: card.last4,
      bin: card.bin,
      network: card.network,
      expiration: `${new Date().getFullYear() + 3}-08`,
      token_type: "bolt",
      default: options.makeDefault ?? true,
      billing_address_id: address.id,
      billing_address: {
        first_name: address.first_name,
        last_name: address.last_name,
        street_address1: address.street_address1,
        locality: address.locality,
        region: address.region,
        postal_code: address.postal_code,
        country_code: address.country_code,
        email: shopper.email,
      },
    },
    auth,
  );
}

export type LoggedRequest = {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  shopper?: string;
  grantType?: string;
};

export async function requestLog(
  filter: { email?: string; path?: string; grantType?: string } = {},
): Promise<LoggedRequest[]> {
  const query = new URLSearchParams();
  if (filter.email) query.set("email", filter.email);
  if (filter.path) query.set("path", filter.path);
  if (filter.grantType) query.set("grant_type", filter.grantType);
  const body = await call<{ requests: LoggedRequest[] }>("GET", `/__emulator/requests?${query}`);
  return body.requests;
}

export type FaultRule = {
  path: string;
  method?: string;
  email?: string;
  latencyMs?: number;
  status?: number;
  body?: "json" | "malformed" | "html" | "empty";
  hang?: boolean;
  times?: number;
};

export async function addFault(rule: FaultRule): Promise<{ remove: () => Promise<void> }> {
  const { id } = await call<{ id: string }>("POST", "/__emulator/faults", rule);
  return { remove: () => call("DELETE", `/__emulator/faults/${id}`) };
}

export async function setLifetimes(
  email: string,
  lifetimes: { accessTokenTtlSeconds?: number; refreshTokenTtlSeconds?: number },
) {
  await call("POST", "/__emulator/lifetimes", { email, ...lifetimes });
}

export async function placedOrders(email: string): Promise<Array<Record<string, unknown>>> {
  const body = await call<{ orders: Array<Record<string, unknown>> }>(
    "GET",
    `/__emulator/orders?email=${encodeURIComponent(email)}`,
  );
  return body.orders;
}
