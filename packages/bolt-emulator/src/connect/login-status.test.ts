import { describe, expect, it } from "vitest";
import { call, credentials, emulatorForFile, postToken, type Harness } from "../test-client/vitest-harness";

// Row 7 (login_status beside, or instead of, Bolt.helpers.logout) and row 10 (silent sign-in until a
// Bolt logout), in both profiles. The sandbox profile serves Bolt's account pieces from its second origin.
const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

const STOREFRONT = "http://localhost:3000";

describe.each(["spec", "sandbox"] as const)("the Bolt session in the %s profile", (profile) => {
  const harness: Harness = profiles[profile];
  /** Where the modal, the login status and their logout are served. */
  const account = () => harness.emulator.assetsUrl ?? harness.url;

  async function signIn(email: string): Promise<string> {
    const answer = await call(`${account()}/connect/login/verify`, {
      json: { email, otp: harness.emulator.settings.otp },
      headers: { Origin: account() },
    });
    expect(answer.status).toBe(200);
    return String(answer.headers.get("set-cookie")).split(";")[0] ?? "";
  }

  const status = (cookie?: string) =>
    call(
      `${account()}/connect/login-status?${new URLSearchParams({ origin: STOREFRONT, key: credentials(harness).publishableKey })}`,
      {
        headers: cookie ? { Cookie: cookie } : {},
      },
    );
  const silent = (cookie: string) =>
    call(`${harness.url}/connect/login/silent`, { method: "POST", headers: { Origin: STOREFRONT, Cookie: cookie } });

  it("shows nothing in the login status without a session", async () => {
    const answer = await status();
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('data-signed-in="false"');
    expect(answer.text).not.toContain("Log out");
    expect(answer.text).not.toContain('role="alert"');
  });

  it("shows who is signed in, framed only by the storefront, with Bolt's mark and a logout control", async () => {
    const cookie = await signIn("bob@example.com");
    const answer = await status(cookie);
    expect(answer.text).toContain('data-signed-in="true"');
    expect(answer.text).toContain("Signed in with Bolt as <strong>Bob Buyer</strong>");
    expect(answer.text).toContain('<button type="button" class="logout" id="logout">Log out of Bolt</button>');
    expect(answer.text).toContain('src="/connect/images/bolt-mark.svg"');
    expect(answer.headers.get("content-security-policy")).toContain(`frame-ancestors ${STOREFRONT}`);
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("signs a returning shopper in silently with a code and the modal's scope, which exchanges as given", async () => {
    const cookie = await signIn("carol@example.com");
    const first = await silent(cookie);
    expect(first.body).toMatchObject({ email: "carol@example.com", scope: "bolt.account.manage openid" });
    const exchanged = await postToken(harness, {
      grant_type: "authorization_code",
      code: String(first.body.authorizationCode),
      scope: String(first.body.scope),
    });
    expect(exchanged.status).toBe(200);
    // Each attempt mints a fresh single-use code.
    expect((await silent(cookie)).body.authorizationCode).not.toBe(first.body.authorizationCode);
  });

  it("ends the session from the login status's own origin: silent sign-in then does nothing", async () => {
    const cookie = await signIn("alice@example.com");
    const logout = await call(`${account()}/connect/logout`, {
      method: "POST",
      headers: { Origin: account(), Cookie: cookie },
    });
    expect(logout.status).toBe(204);
    expect(String(logout.headers.get("set-cookie"))).toContain("Max-Age=0");
    expect((await status(cookie)).text).toContain('data-signed-in="false"');
    expect((await silent(cookie)).body).toEqual({});
  });
});

describe("the sandbox profile's account origin", () => {
  it("serves the login status and its logout, not the connect origin's other pieces", async () => {
    const assets = String(profiles.sandbox.emulator.assetsUrl);
    for (const path of ["/connect/login-status.js", "/connect/components.css"]) {
      expect((await call(`${assets}${path}`)).status).toBe(200);
    }
    for (const path of ["/connect/payment-field", "/connect/account-checkbox", "/connect/login/silent"]) {
      expect((await call(`${assets}${path}`)).status).toBe(404);
    }
  });
});
