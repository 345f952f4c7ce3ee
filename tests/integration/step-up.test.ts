import { describe, expect, it } from "vitest";
import {
  bolt,
  loadPage,
  postStepUp as stepUp,
  SAME_ORIGIN,
  sessionCookieOf,
  signIn,
  signInBody,
  STOREFRONT,
  tokenCalls,
  unseal,
} from "./helpers";

// A step-up sign-in (`stepUp: true`) confirms the account the browser is signed in to, so an edit
// waiting for it can go through. It must never turn into a sign-in as whoever the code belongs to.

describe("a step-up sign-in", () => {
  it("with the signed-in account's own code: a fresh full-scope session for the same account", async () => {
    const shopper = await bolt.createShopper();
    const { cookie } = await signIn(shopper);
    const before = await unseal(cookie);
    const response = await stepUp(await bolt.loginCode(shopper.email), cookie);
    expect(response.status).toBe(200);
    const after = await unseal(sessionCookieOf(response) ?? "");
    expect(after).toMatchObject({ sub: before.sub, email: shopper.email, scope: expect.stringContaining("manage") });
    expect(after.sid).not.toBe(before.sid);
  });

  it("with another account's code: 409 with the reason, no cookie, and the old session still works", async () => {
    const alice = await bolt.createShopper();
    const mallory = await bolt.createShopper();
    const { cookie } = await signIn(alice);
    const response = await stepUp(mallory.oauthCode, cookie);
    expect(response.status).toBe(409);
    expect(response.headers.get("set-cookie")).toBeNull();
    await expect(response.json()).resolves.toEqual({
      error: "account_mismatch",
      message: expect.stringMatching(/different Bolt account.*your change was not made.*still signed in/),
    });
    const page = await (await loadPage(cookie, "/cart")).text();
    expect(page).toContain(alice.email);
    expect(page).not.toContain(mallory.email);
    // The code was spent at Bolt (the account is only known from its id_token); its tokens were dropped.
    expect(await tokenCalls(mallory.email, "authorization_code")).toHaveLength(1);
  });

  it("without a session to confirm: 401 before Bolt sees the code, which stays usable", async () => {
    const shopper = await bolt.createShopper();
    const response = await stepUp(shopper.oauthCode);
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toMatchObject({ error: "step_up_without_session" });
    expect(await tokenCalls(shopper.email, "authorization_code")).toEqual([]);
  });

  it("with a cookie signed out earlier: refused the same way", async () => {
    const shopper = await bolt.createShopper();
    const { cookie } = await signIn(shopper);
    const logout = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "DELETE",
      headers: { Origin: STOREFRONT, Cookie: cookie },
    });
    expect(logout.status).toBe(200);
    const response = await stepUp(await bolt.loginCode(shopper.email), cookie);
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it.each([false, "true", 1, null])("refuses stepUp: %j as a malformed body", async (value) => {
    const shopper = await bolt.createShopper();
    const response = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "POST",
      headers: SAME_ORIGIN,
      body: JSON.stringify({ ...JSON.parse(signInBody(shopper.oauthCode)), stepUp: value }),
    });
    expect(response.status).toBe(400);
  });
});
