import { TEST_APP_URL } from "../scripts/ports.mjs";
import { expect, test } from "./helpers/fixtures";
import { enterCode, seedCart, sessionCookie, signInAtCheckout } from "./helpers/storefront";

// Bolt's opaque tokens look like `xxxx.yyyy` (two long base64url parts); ID tokens are JWTs.
const OPAQUE_TOKEN = /[A-Za-z0-9_-]{30,}\.[A-Za-z0-9_-]{30,}/;
const JWT = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

test.beforeEach(async ({ context, baseURL }) => {
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
});

test(
  "signing in through Bolt's modal shows the signed-in button, and a reload keeps the session",
  {
    tag: "@journey",
  },
  async ({ page, bolt }) => {
    const shopper = await bolt.createShopper();
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    await expect(page.getByTestId("address-option").first()).toBeVisible();
  },
);

test(
  "a returning Bolt shopper is signed in silently when checkout loads, without a code",
  { tag: "@journey" },
  async ({ page, context, bolt }) => {
    const shopper = await bolt.createShopper();
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    // Another visit: the store's session is gone, Bolt's (from the modal's code) is not.
    await context.clearCookies({ name: /bolt_session$/ });
    await page.goto("/checkout");
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    await expect(page.getByTestId("address-option").first()).toBeVisible();
    await expect(page.locator('iframe[title="Sign in with Bolt"]')).toHaveCount(0);
    expect(await bolt.requests({ email: shopper.email, grantType: "authorization_code" })).toHaveLength(2);
  },
);

test(
  "after a logout here, checkout signs nobody in silently, even while Bolt's session lasts",
  { tag: "@journey" },
  async ({ page, context, bolt }) => {
    const shopper = await bolt.createShopper();
    const silentAttempts: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/connect/login/silent")) silentAttempts.push(request.url());
    });
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    expect(silentAttempts).toHaveLength(1);
    await page.getByTestId("signed-in-button").click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/checkout");
    await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
    await expect(page.getByText("Have a Bolt account?")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(silentAttempts).toHaveLength(1);
    await expect(page.getByTestId("signed-in-button")).toHaveCount(0);
    // Signing in again by hand turns it back on for the next visit.
    await signInAtCheckout(page, shopper.email);
    await context.clearCookies({ name: /bolt_session$/ });
    await page.goto("/checkout");
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    expect(silentAttempts).toHaveLength(2);
  },
);

test("the header's Sign in opens Bolt's modal from any page", async ({ page, bolt }) => {
  const shopper = await bolt.createShopper();
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page
    .getByRole("region", { name: "Sign in with Bolt" })
    .getByRole("textbox", { name: "Email" })
    .fill(shopper.email);
  await enterCode(page);
  await expect(page.getByTestId("signed-in-button")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
});

test("the session cookie is HttpOnly, Secure, SameSite=Lax and scoped to the whole site", async ({
  page,
  context,
  bolt,
}) => {
  const shopper = await bolt.createShopper();
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await expect.poll(() => sessionCookie(context)).toBeTruthy();
  const cookie = await sessionCookie(context);
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  expect(cookie?.domain).toBe("localhost");
});

test("no token reaches the browser: not in the HTML, the RSC payload or document.cookie", async ({ page, bolt }) => {
  const shopper = await bolt.createShopper();
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().startsWith(TEST_APP_URL)) bodies.push(await response.text().catch(() => ""));
  });
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await page.reload();
  await expect(page.getByTestId("address-option").first()).toBeVisible();
  const rsc = await page.request.get("/checkout", { headers: { RSC: "1" } });
  bodies.push(await page.content(), await rsc.text());
  for (const body of bodies) {
    expect(body).not.toMatch(OPAQUE_TOKEN);
    expect(body).not.toMatch(JWT);
  }
  expect(await page.evaluate(() => document.cookie)).not.toContain("bolt_session");
});

test(
  "logging out removes the cookie, keeps the cart, and neither a reload nor the back button shows account data",
  {
    tag: "@journey",
  },
  async ({ page, context, bolt }) => {
    const shopper = await bolt.createShopper();
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();
    await page.goto("/");
    await page.getByTestId("signed-in-button").click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect.poll(() => sessionCookie(context)).toBeUndefined();
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
    await page.goBack();
    await expect(page.getByTestId("address-option")).toHaveCount(0);
    await expect(page.getByTestId("signed-in-button")).toHaveCount(0);
  },
);

test(
  "logging out ends in Sign in even when Bolt's script can't be loaded",
  { tag: "@journey" },
  async ({ page, context, bolt }) => {
    const shopper = await bolt.createShopper();
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await page.route("**/embed.js", (route) => route.abort());
    await page.goto("/");
    await page.getByTestId("signed-in-button").click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect.poll(() => sessionCookie(context)).toBeUndefined();
  },
);

test(
  "with 5-second access tokens, 10 parallel navigations cause exactly one refresh",
  {
    tag: "@journey",
  },
  async ({ page, bolt, tokenPath }) => {
    const shopper = await bolt.createShopper();
    await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 5 });
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();
    const before = await bolt.requests({ email: shopper.email, path: tokenPath, grantType: "refresh_token" });
    const responses = await Promise.all(Array.from({ length: 10 }, () => page.request.get("/checkout")));
    expect(responses.map((response) => response.status())).toEqual(Array(10).fill(200));
    const after = await bolt.requests({ email: shopper.email, path: tokenPath, grantType: "refresh_token" });
    expect(after.length - before.length).toBe(1);
  },
);

test(
  "a refresh answered with invalid_grant signs the shopper out cleanly, without a loop",
  {
    tag: "@journey",
  },
  async ({ page, context, bolt, profile, tokenPath }) => {
    const shopper = await bolt.createShopper();
    // A refresh token that dies after 2 s: Bolt then answers the refresh with a genuine invalid_grant.
    await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 5, refreshTokenTtlSeconds: 2 });
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();
    await page.waitForTimeout(2_500);
    await page.reload();
    await expect(page.getByText(/you were signed out/i)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
    await expect.poll(() => sessionCookie(context)).toBeUndefined();
    const refreshes = await bolt.requests({
      email: shopper.email,
      path: tokenPath,
      grantType: "refresh_token",
    });
    // The spec's example answers invalid_grant with 422, Bolt's sandbox with 400: the same to the shopper.
    expect(refreshes.at(-1)?.status).toBe(profile === "sandbox" ? 400 : 422);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
    await expect(page.getByText(/you were signed out/i)).toHaveCount(0);
    const later = await bolt.requests({ email: shopper.email, path: tokenPath, grantType: "refresh_token" });
    expect(later.length).toBe(refreshes.length);
  },
);

test(
  "an access token Bolt refuses signs the shopper out once: cookie cleared, the page says so, no loop",
  {
    tag: "@journey",
  },
  async ({ page, context, bolt, profile }) => {
    const shopper = await bolt.createShopper();
    const codes: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "POST" && sent.url().endsWith("/api/bolt/session")) {
        codes.push((JSON.parse(sent.postData() ?? "{}") as { code: string }).code);
      }
    });
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();

    // A code used twice makes Bolt revoke every token issued from it (RFC 6749 §4.1.2): replay the
    // storefront's code, as a thief who saw it would, and the session's access token is refused.
    await expect(bolt.exchangeCode(codes[0] ?? "")).rejects.toThrow(/invalid_grant/);

    await page.reload();
    await expect(page.getByText(/you were signed out/i)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
    await expect(page.getByTestId("signed-in-button")).toHaveCount(0);
    await expect.poll(() => sessionCookie(context)).toBeUndefined();
    const accountCalls = await bolt.requests({ email: shopper.email, path: "/v1/account" });
    // Bolt's sandbox refuses a bearer with 403 and code 18, the spec profile with 401: both sign out.
    expect(accountCalls.at(-1)?.status).toBe(profile === "sandbox" ? 403 : 401);

    await page.reload();
    await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
    await expect(page.getByText(/you were signed out/i)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
    expect(await bolt.requests({ email: shopper.email, path: "/v1/account" })).toHaveLength(accountCalls.length);
  },
);

test("a tampered session cookie reads as signed out", async ({ page, context, baseURL, bolt }) => {
  const shopper = await bolt.createShopper();
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  const cookie = await sessionCookie(context);
  if (!cookie) throw new Error("no session cookie");
  const flipped = cookie.value.slice(0, 40) + (cookie.value[40] === "A" ? "B" : "A") + cookie.value.slice(41);
  await context.addCookies([{ ...cookie, value: flipped, url: baseURL, domain: undefined, path: undefined }]);
  const response = await page.reload();
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
  await expect(page.getByTestId("signed-in-button")).toHaveCount(0);
});

test("a cross-origin POST of a code is refused and sets no cookie", async ({ request, bolt }) => {
  const shopper = await bolt.createShopper();
  const response = await request.post("/api/bolt/session", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    data: { code: shopper.oauthCode, scope: "bolt.account.manage openid" },
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  expect(await response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
});

test("a Bolt outage shows a friendly error and keeps the session", async ({ page, context, bolt }) => {
  const shopper = await bolt.createShopper();
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await expect(page.getByTestId("address-option").first()).toBeVisible();
  const outage = await bolt.addFault({ path: "/v1/account", method: "GET", email: shopper.email, status: 503 });
  try {
    await page.reload();
    await expect(page.getByTestId("bolt-unavailable")).toBeVisible();
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    expect(await sessionCookie(context)).toBeTruthy();
  } finally {
    await outage.remove();
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("address-option").first()).toBeVisible();
});
