// Test-side helpers: an emulator in this process on a free port, and thin HTTP wrappers around it.
import { afterAll, beforeAll } from "vitest";
import type { EmulatorEnv } from "../config";
import { startEmulator, type RunningEmulator } from "../server";

export type Harness = {
  readonly url: string;
  readonly emulator: RunningEmulator;
};

/** Starts one emulator for the test file (before all tests) and closes it afterwards. */
export function emulatorForFile(env: EmulatorEnv = {}): Harness {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, env });
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get url() {
      if (!running) throw new Error("the emulator is not running yet");
      return running.url;
    },
    get emulator() {
      if (!running) throw new Error("the emulator is not running yet");
      return running;
    },
  };
}

export type Json = Record<string, unknown>;
export type Answer = { status: number; headers: Headers; text: string; body: Json };

export async function call(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    json?: unknown;
    form?: Record<string, string>;
    body?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = JSON.stringify(init.json);
  }
  if (init.form) {
    headers["Content-Type"] ??= "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    // not JSON: tests that care read `text`
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** The sandbox credentials a test emulator runs with. */
export function credentials(harness: Harness) {
  const { publishableKey, apiKey, divisionId } = harness.emulator.settings;
  return { publishableKey, apiKey, divisionId };
}

export function tokenForm(harness: Harness, fields: Record<string, string>): Record<string, string> {
  const { publishableKey, apiKey } = credentials(harness);
  return { client_id: publishableKey, client_secret: apiKey, ...fields };
}

export function postToken(harness: Harness, fields: Record<string, string>): Promise<Answer> {
  return call(`${harness.url}/v1/oauth/token`, { form: tokenForm(harness, fields) });
}

export type Shopper = { email: string; oauthCode: string; otp: string };

export async function createShopper(harness: Harness, body: Json = { has_address: true }): Promise<Shopper> {
  const answer = await call(`${harness.url}/v1/testing/shopper/create`, {
    json: body,
    headers: { "X-API-Key": credentials(harness).apiKey },
  });
  if (answer.status !== 200) throw new Error(`shopper/create answered ${answer.status}: ${answer.text}`);
  return {
    email: String(answer.body.email),
    oauthCode: String(answer.body.oauth_code),
    otp: String(answer.body.otp_code),
  };
}

export type Tokens = {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  scope: string;
  expires_in: number;
};

export async function exchange(harness: Harness, code: string, scope = "bolt.account.manage openid"): Promise<Tokens> {
  const answer = await postToken(harness, { grant_type: "authorization_code", code, scope });
  if (answer.status !== 200) throw new Error(`token exchange answered ${answer.status}: ${answer.text}`);
  return answer.body as unknown as Tokens;
}

/** A fresh shopper of the test's own, signed in with a `bolt.account.manage` token. */
export async function signedInShopper(harness: Harness, body?: Json): Promise<Shopper & { tokens: Tokens }> {
  const shopper = await createShopper(harness, body);
  return { ...shopper, tokens: await exchange(harness, shopper.oauthCode) };
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
  return { Authorization: `Bearer ${accessToken}`, "X-API-Key": credentials(harness).apiKey };
}

export function admin(harness: Harness, path: string, init: Parameters<typeof call>[1] = {}): Promise<Answer> {
  return call(`${harness.url}/__emulator${path}`, init);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
