// The emulator's embed.js and login modal in a real browser, on a bare page from another origin
// (127.0.0.1 on a random port), the way a storefront embeds Bolt. Pages under /sandbox/ load embed.js
// from the emulator in its sandbox profile, which shows real Bolt's variants (its README, "Profiles").
import { expect, test, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorTestClient, SANDBOX_CREDENTIALS, SANDBOX_OTP, TEST_CARD_NUMBERS } from "bolt-emulator/test-client";
import { TEST_EMULATOR_URL as EMULATOR_URL, TEST_SANDBOX_EMULATOR_URL as SANDBOX_URL } from "../scripts/ports.mjs";

const bolt = new EmulatorTestClient(EMULATOR_URL, SANDBOX_CREDENTIALS);
const sandboxBolt = new EmulatorTestClient(SANDBOX_URL, SANDBOX_CREDENTIALS);

type RecordedEvent = { name: string; payload: Record<string, unknown> };

function testPage(emulatorUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Embed test store</title></head>
<body>
  <main>
    <h1>Checkout</h1>
    <div id="login"><label for="email">Email</label> <input id="email" type="email" autocomplete="email"></div>
    <button type="button">Continue as guest</button>
  </main>
  <script>
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    );
  </script>
  <script src="${emulatorUrl}/embed.js"></script>
  <script>
    window.boltEvents = [];
    const plain = (value) => (value instanceof Error ? { error: value.message } : value);
    Bolt.initialize(${JSON.stringify(SANDBOX_CREDENTIALS.publishableKey)});
    for (const name of ["login_complete", "login_succeeded", "login_failed", "account_check_complete", "login_modal_closed"]) {
      Bolt.on(name, (payload) => window.boltEvents.push({ name, payload: { ...payload, result: plain(payload.result) } }));
    }
    window.detachBolt = Bolt.create("login_modal").attach("#login", { context: "checkout" });
  </script>
</body>
</html>`;
}

let server: Server;
let pageUrl: string;
let sandboxPageUrl: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://store.invalid");
    const csp = url.searchParams.get("csp");
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      ...(csp ? { "Content-Security-Policy": csp } : {}),
    });
    response.end(testPage(url.pathname.startsWith("/sandbox/") ? SANDBOX_URL : EMULATOR_URL));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  sandboxPageUrl = `${pageUrl}sandbox/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const events = (page: Page, name: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { boltEvents: RecordedEvent[] }).boltEvents.filter((event) => event.name === wanted),
    name,
  );

const modal = (page: Page) => page.frameLocator("iframe[data-bolt-login-modal]");

async function openModalFor(page: Page, email: string) {
  await page.goto(pageUrl);
  await page.getByLabel("Email").fill(email);
  await expect
    .poll(() => events(page, "account_check_complete"))
    .toEqual([{ name: "account_check_complete", payload: { email, result: true } }]);
  await expect(modal(page).getByRole("dialog", { name: "Enter your code" })).toBeVisible();
  // The modal takes focus once it has told embed.js it is ready.
  await expect(modal(page).getByLabel("One-time code")).toBeFocused();
}

test("a Bolt email opens the code step; a wrong code is refused; the right one yields a code that exchanges for tokens", async ({
  page,
}) => {
  // A shopper of its own: a seeded one's wrong-code count is shared with every other test that signs in.
  const { email } = await bolt.createShopper();
  await openModalFor(page, email);
  const dialog = modal(page).getByRole("dialog");
  await expect(dialog).toContainText(email);
  await expect(dialog).toContainText(`Sandbox: your code is ${SANDBOX_OTP}`);

  const code = modal(page).getByLabel("One-time code");
  await code.fill("000000");
  await expect(modal(page).getByRole("alert")).toHaveText("That code isn't right. 4 attempts left.");
  expect(await events(page, "login_complete")).toEqual([]);

  await code.fill(SANDBOX_OTP);
  await expect.poll(() => events(page, "login_complete")).toHaveLength(1);
  const [complete] = await events(page, "login_complete");
  const result = complete?.payload.result as { authorizationCode: string; scope: string };
  expect(complete?.payload.email).toBe(email);
  expect(result.scope).toBe("bolt.account.manage openid");
  expect(result.authorizationCode).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
  expect(await events(page, "login_succeeded")).toHaveLength(1);
  await expect(page.locator("iframe[data-bolt-login-modal]")).toHaveCount(0);
  // As Bolt's docs describe: the modal-closed event follows a successful login too, after login_complete.
  const order = await page.evaluate(() =>
    (window as unknown as { boltEvents: RecordedEvent[] }).boltEvents
      .map((event) => event.name)
      .filter((name) => name !== "account_check_complete"),
  );
  expect(order).toEqual(["login_succeeded", "login_complete", "login_modal_closed"]);
  expect(await events(page, "login_modal_closed")).toEqual([
    { name: "login_modal_closed", payload: { context: "checkout" } },
  ]);

  const tokens = await bolt.exchangeCode(result.authorizationCode, result.scope);
  expect(tokens).toMatchObject({
    token_type: "bearer",
    scope: "bolt.account.manage openid",
    refresh_token_scope: "bolt.account.view",
  });
  expect(tokens.id_token).toEqual(expect.any(String));
});

test("Escape closes the modal, fires login_modal_closed and gives focus back to the email field", async ({ page }) => {
  await openModalFor(page, "bob@example.com");
  // Key down alone first: the modal closes on keydown, and a key-up sent to its frame after the frame
  // is gone is never acknowledged by Chromium, which would hang a whole press.
  await page.keyboard.down("Escape");
  await expect(page.locator("iframe[data-bolt-login-modal]")).toHaveCount(0);
  await page.keyboard.up("Escape");
  expect(await events(page, "login_modal_closed")).toEqual([
    { name: "login_modal_closed", payload: { context: "checkout" } },
  ]);
  expect(await events(page, "login_complete")).toEqual([]);
  await expect(page.getByLabel("Email")).toBeFocused();
});

test("focus stays inside the modal, and “Use a different email” hands the shopper back to the field", async ({
  page,
}) => {
  await openModalFor(page, "carol@example.com");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  const insideDialog = await modal(page)
    .locator("body")
    .evaluate(() => Boolean(document.activeElement?.closest("#dialog")));
  expect(insideDialog).toBe(true);
  await modal(page).getByRole("button", { name: "Use a different email" }).click();
  await expect(page.locator("iframe[data-bolt-login-modal]")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toBeFocused();
  expect(await events(page, "login_modal_closed")).toHaveLength(1);
});

test("Bolt(key) works as a function, as older Bolt docs show, and Bolt.once honours its options", async ({ page }) => {
  await page.goto(pageUrl);
  type Embed = {
    (key: string): Embed;
    isInitialized: boolean;
    once(name: string, callback: (payload: unknown) => void, options?: { replayLast?: boolean }): () => void;
  };
  const callable = await page.evaluate((key) => {
    const Bolt = (window as unknown as { Bolt: Embed }).Bolt;
    const bolt = Bolt(key);
    return { same: bolt === Bolt, initialized: bolt.isInitialized };
  }, SANDBOX_CREDENTIALS.publishableKey);
  expect(callable).toEqual({ same: true, initialized: true });

  const checkEmail = async (email: string, count: number) => {
    await page.getByLabel("Email").fill(email);
    await expect.poll(async () => (await events(page, "account_check_complete")).length).toBe(count);
  };
  await checkEmail("nobody@example.com", 1);
  await page.evaluate(() => {
    const win = window as unknown as { Bolt: Embed; replayed: unknown[]; later: unknown[] };
    win.replayed = [];
    win.later = [];
    win.Bolt.once("account_check_complete", (payload) => win.replayed.push(payload), { replayLast: true });
    win.Bolt.once("account_check_complete", (payload) => win.later.push(payload));
  });
  await checkEmail("nobody-else@example.com", 2);
  await checkEmail("still-nobody@example.com", 3);
  const calls = await page.evaluate(() => {
    const win = window as unknown as { replayed: Array<{ email: string }>; later: Array<{ email: string }> };
    return { replayed: win.replayed.map((payload) => payload.email), later: win.later.map((payload) => payload.email) };
  });
  // The replayed call was the listener's one call; the other waited for the next event, and only that one.
  expect(calls).toEqual({ replayed: ["nobody@example.com"], later: ["nobody-else@example.com"] });
});

test("an email without a Bolt account opens nothing", async ({ page }) => {
  await page.goto(pageUrl);
  await page.getByLabel("Email").fill("nobody@example.com");
  await expect
    .poll(() => events(page, "account_check_complete"))
    .toEqual([{ name: "account_check_complete", payload: { email: "nobody@example.com", result: false } }]);
  await expect(page.locator("iframe[data-bolt-login-modal]")).toHaveCount(0);
});

test("attemptLogin signs a shopper with a Bolt session straight back in, until Bolt.helpers.logout()", async ({
  page,
}) => {
  // Same site as the emulator (localhost, another port), so its SameSite=Lax session cookie applies.
  const sameSiteUrl = pageUrl.replace("127.0.0.1", "localhost");
  const attemptLogin = () =>
    page.evaluate(() =>
      (
        window as unknown as { Bolt: { getComponent(name: string): { attemptLogin(): Promise<unknown> } } }
      ).Bolt.getComponent("login_modal").attemptLogin(),
    );
  await page.goto(sameSiteUrl);
  expect(await attemptLogin()).toBeUndefined();

  await page.getByLabel("Email").fill("bob@example.com");
  await modal(page).getByLabel("One-time code").fill(SANDBOX_OTP);
  await expect.poll(() => events(page, "login_complete")).toHaveLength(1);

  await page.reload();
  const result = (await attemptLogin()) as { authorizationCode: string; scope: string };
  expect(result.scope).toBe("bolt.account.manage openid");
  expect(await events(page, "login_complete")).toEqual([
    { name: "login_complete", payload: { email: "bob@example.com", result } },
  ]);

  await page.evaluate(() =>
    (window as unknown as { Bolt: { helpers: { logout(): Promise<void> } } }).Bolt.helpers.logout(),
  );
  await page.reload();
  expect(await attemptLogin()).toBeUndefined();
  expect(await events(page, "login_complete")).toEqual([]);
});

test("the modal is a bottom sheet that fits a 390 px wide phone", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openModalFor(page, "alice@example.com");
  const sheet = await modal(page).locator(".sheet").boundingBox();
  expect(sheet?.width).toBeLessThanOrEqual(390);
  expect(Math.round((sheet?.y ?? 0) + (sheet?.height ?? 0))).toBe(844);
  await page.screenshot({ path: testInfo.outputPath("login-modal-390.png") });
});

type Component = { mount(target: string | Element): void; unmount(): void };
type PaymentComponent = Component & { tokenize(): Promise<Record<string, unknown>> };
type Checkbox = Component & { on(name: "change", callback: (checked: boolean) => void): () => void };
type EmbedWithComponents = ((key: string) => EmbedWithComponents) & {
  create(name: "payment_component"): PaymentComponent;
  create(
    name: "account_checkbox",
    options: { defaultValue: boolean; listeners: { change(checked: boolean): void } },
  ): Checkbox;
};
type ComponentWindow = {
  Bolt: EmbedWithComponents;
  field: PaymentComponent;
  box: Checkbox;
  changes: Array<[string, boolean]>;
};

test("the payment field and the account checkbox mount, tokenize and report changes, in both spellings", async ({
  page,
}) => {
  await page.goto(pageUrl);
  await page.evaluate((key) => {
    const win = window as unknown as ComponentWindow;
    document.querySelector("main")?.insertAdjacentHTML("beforeend", '<div id="card"></div><div id="consent"></div>');
    win.changes = [];
    // The older spelling for the field, the newer one for the checkbox.
    win.field = win.Bolt(key).create("payment_component");
    win.field.mount("#card");
    win.box = win.Bolt.create("account_checkbox", {
      defaultValue: true,
      listeners: { change: (checked) => win.changes.push(["listener", checked]) },
    });
    win.box.on("change", (checked) => win.changes.push(["on", checked]));
    win.box.mount(document.querySelector("#consent") as Element);
  }, SANDBOX_CREDENTIALS.publishableKey);
  const tokenize = () => page.evaluate(() => (window as unknown as ComponentWindow).field.tokenize());
  const field = page.frameLocator("#card iframe");
  await expect(field.getByLabel("Card number")).toBeVisible();

  // Nothing typed yet: an error-shaped value, not a rejection.
  const empty = await tokenize();
  expect(empty).toMatchObject({ type: "validation_error", message: expect.any(String) });
  expect(empty).not.toHaveProperty("token");

  await field.getByLabel("Card number").fill(TEST_CARD_NUMBERS.approves);
  await field.getByLabel("Expiry (MM / YY)").fill(`08${String((new Date().getUTCFullYear() + 2) % 100)}`);
  await field.getByLabel("Security code (CVV)").fill("123");
  await field.getByLabel("Billing postal code").fill("97201");
  expect(await tokenize()).toEqual({
    token: expect.stringMatching(/^\S{16,}$/),
    bin: "411111",
    last4: "1004",
    expiration: `${new Date().getUTCFullYear() + 2}-08`,
    network: "visa",
    token_type: "bolt",
    postal_code: "97201",
  });

  const consent = page.frameLocator("#consent iframe");
  await expect(consent.getByRole("link", { name: /terms/i })).toBeVisible();
  await consent.getByRole("checkbox").uncheck();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as ComponentWindow).changes))
    .toEqual([
      ["listener", false],
      ["on", false],
    ]);

  await page.evaluate(() => {
    const win = window as unknown as ComponentWindow;
    win.field.unmount();
    win.box.unmount();
  });
  await expect(page.locator("iframe")).toHaveCount(0);
  expect(await tokenize()).toMatchObject({ type: "tokenization_error" });
  // Mounting again, on an element, frames a fresh field.
  await page.evaluate(() => {
    const win = window as unknown as ComponentWindow;
    win.Bolt.create("payment_component").mount(document.querySelector("#card") as Element);
  });
  await expect(field.getByLabel("Card number")).toHaveValue("");
});

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { violations: Array<{ directive: string; blocked: string }> }).violations);

/** A policy allowing embed.js, its API calls and frames only from `frames`. */
const policy = (emulatorUrl: string, frames: string) =>
  `default-src 'none'; script-src 'unsafe-inline' ${emulatorUrl}; connect-src ${emulatorUrl}; frame-src ${frames}`;

const withPolicy = (url: string, csp: string) => `${url}?${new URLSearchParams({ csp })}`;

test("the spec profile frames the modal from embed.js's origin, so allowing that origin is enough", async ({
  page,
}) => {
  await page.goto(withPolicy(pageUrl, policy(EMULATOR_URL, EMULATOR_URL)));
  await page.getByLabel("Email").fill("alice@example.com");
  await expect(modal(page).getByRole("dialog", { name: "Enter your code" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test("the sandbox profile frames the modal from a second origin: a policy allowing only embed.js's origin blocks it", async ({
  page,
}) => {
  const assets = await sandboxBolt.assetsUrl();
  expect(assets).not.toBe(SANDBOX_URL);
  await page.goto(withPolicy(sandboxPageUrl, policy(SANDBOX_URL, SANDBOX_URL)));
  await page.getByLabel("Email").fill("alice@example.com");
  await expect
    .poll(() => violations(page))
    .toContainEqual({ directive: "frame-src", blocked: expect.stringMatching(new RegExp(`^${assets}(/|$)`)) });
  await expect(modal(page).getByRole("dialog")).toHaveCount(0);

  // Allowing Bolt's account origin too shows the modal, with Bolt's mark from that origin.
  await page.goto(withPolicy(sandboxPageUrl, policy(SANDBOX_URL, `${SANDBOX_URL} ${assets}`)));
  await page.getByLabel("Email").fill("alice@example.com");
  await expect(modal(page).getByRole("dialog", { name: "Enter your code" })).toBeVisible();
  const mark = modal(page).locator("img.bolt-mark");
  await expect.poll(() => mark.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  expect(await mark.evaluate((image: HTMLImageElement) => new URL(image.src).origin)).toBe(assets);
  expect(await violations(page)).toEqual([]);
});

type SessionWindow = {
  Bolt: {
    helpers?: { logout(): Promise<void> };
    create(name: "login_status", options: { listeners: { logout(): void } }): { mount(target: string): void };
    getComponent(name: "login_modal"): { attemptLogin(): Promise<unknown> };
  };
  logouts: number;
};

for (const [profile, url, client] of [
  ["spec", () => pageUrl, () => bolt],
  ["sandbox", () => sandboxPageUrl, () => sandboxBolt],
] as const) {
  test(`${profile} profile: login_status shows the Bolt session; its logout ends it, so attemptLogin signs nobody in`, async ({
    page,
  }) => {
    // Same site as the emulator (localhost, another port), so its SameSite=Lax session cookie applies.
    await page.goto(url().replace("127.0.0.1", "localhost"));
    // Bolt's newer code has no Bolt.helpers: only the spec profile keeps the legacy logout helper.
    const helpers = await page.evaluate(() => typeof (window as unknown as SessionWindow).Bolt.helpers?.logout);
    expect(helpers).toBe(profile === "spec" ? "function" : "undefined");

    const mountStatus = () =>
      page.evaluate(() => {
        const win = window as unknown as SessionWindow;
        document.querySelector("main")?.insertAdjacentHTML("beforeend", '<div id="login-status"></div>');
        win.logouts = 0;
        win.Bolt.create("login_status", { listeners: { logout: () => (win.logouts += 1) } }).mount("#login-status");
      });
    const attemptLogin = () =>
      page.evaluate(() => (window as unknown as SessionWindow).Bolt.getComponent("login_modal").attemptLogin());
    const statusFrame = page.locator("#login-status iframe");
    const signedInAs = page.frameLocator("#login-status iframe").getByText("Signed in with Bolt as Bob Buyer");

    await mountStatus();
    expect(await attemptLogin()).toBeUndefined();
    await expect(statusFrame).toBeHidden();

    await page.getByLabel("Email").fill("bob@example.com");
    await modal(page).getByLabel("One-time code").fill(SANDBOX_OTP);
    await expect.poll(() => events(page, "login_complete")).toHaveLength(1);
    // A sign-in in the page shows in the mounted status at once.
    await expect(signedInAs).toBeVisible();

    // A returning shopper is signed in silently, with a code and the modal's scope, which exchanges as given.
    await page.reload();
    await mountStatus();
    await expect(signedInAs).toBeVisible();
    const result = (await attemptLogin()) as { authorizationCode: string; scope: string };
    expect(result.scope).toBe("bolt.account.manage openid");
    expect(await events(page, "login_complete")).toEqual([
      { name: "login_complete", payload: { email: "bob@example.com", result } },
    ]);
    expect((await client().exchangeCode(result.authorizationCode, result.scope)).scope).toBe(result.scope);

    await page.frameLocator("#login-status iframe").getByRole("button", { name: "Log out of Bolt" }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as SessionWindow).logouts)).toBe(1);
    await expect(statusFrame).toBeHidden();
    await page.reload();
    expect(await attemptLogin()).toBeUndefined();
    expect(await events(page, "login_complete")).toEqual([]);
  });
}

type LeanWindow = {
  Bolt: {
    create(name: "payment_component", options?: { showBillingZIPField?: boolean }): PaymentComponent;
    create(
      name: "account_checkbox",
      options: {
        webComponent: true;
        defaultValue: boolean;
        version: "expanded";
        listeners: { change(checked: boolean): void };
      },
    ): Checkbox;
  };
  field: PaymentComponent;
  box: Checkbox;
  changes: Array<[string, boolean]>;
};

test("sandbox profile: tokenize() leaves out network, and the postal code unless the ZIP option asked; a fault rejects or resolves to an Error once", async ({
  page,
}) => {
  await page.goto(sandboxPageUrl);
  const mountField = (zip: boolean) =>
    page.evaluate((showBillingZIPField) => {
      const win = window as unknown as LeanWindow;
      document.querySelector("#card")?.remove();
      document.querySelector("main")?.insertAdjacentHTML("beforeend", '<div id="card"></div>');
      win.field = win.Bolt.create("payment_component", showBillingZIPField ? { showBillingZIPField } : undefined);
      win.field.mount("#card");
    }, zip);
  const tokenize = () => page.evaluate(() => (window as unknown as LeanWindow).field.tokenize());
  const field = page.frameLocator("#card iframe");
  const fill = async () => {
    await field.getByLabel("Card number").fill(TEST_CARD_NUMBERS.approves);
    await field.getByLabel("Expiry (MM / YY)").fill(`08${String((new Date().getUTCFullYear() + 2) % 100)}`);
    await field.getByLabel("Security code (CVV)").fill("123");
  };

  await mountField(false);
  await expect(field.getByLabel("Card number")).toBeVisible();
  await expect(field.getByLabel("Billing postal code")).toHaveCount(0);
  await fill();
  const lean = await tokenize();
  expect(lean).toEqual({
    token: expect.stringMatching(/^\S{16,}$/),
    bin: "411111",
    last4: "1004",
    expiration: `${new Date().getUTCFullYear() + 2}-08`,
    token_type: "bolt",
  });

  await mountField(true);
  await fill();
  await field.getByLabel("Billing postal code").fill("97201");
  const zipped = await tokenize();
  expect(zipped).toMatchObject({ postal_code: "97201", last4: "1004" });
  expect(zipped).not.toHaveProperty("network");

  // The fault switch (in this test: another one tokenizing at the same time could take the fault).
  await fill();
  const outcome = () =>
    page.evaluate(() =>
      (window as unknown as LeanWindow).field.tokenize().then(
        (result) => ({ settled: "resolved", isError: result instanceof Error, token: "token" in result }),
        (error: unknown) => ({ settled: "rejected", isError: error instanceof Error, token: false }),
      ),
    );
  await sandboxBolt.failNextTokenize("reject");
  expect(await outcome()).toEqual({ settled: "rejected", isError: true, token: false });
  await sandboxBolt.failNextTokenize("error");
  expect(await outcome()).toEqual({ settled: "resolved", isError: true, token: false });
  expect(await outcome()).toEqual({ settled: "resolved", isError: false, token: true });
});

test("the web-component account checkbox renders in the page and hides itself for an email with a Bolt account", async ({
  page,
}) => {
  await page.goto(sandboxPageUrl);
  const mountBox = () =>
    page.evaluate(() => {
      const win = window as unknown as LeanWindow;
      if (!document.querySelector("#consent"))
        document.querySelector("main")?.insertAdjacentHTML("beforeend", '<div id="consent"></div>');
      win.changes = [];
      win.box = win.Bolt.create("account_checkbox", {
        webComponent: true,
        defaultValue: true,
        version: "expanded",
        listeners: { change: (checked) => win.changes.push(["listener", checked]) },
      });
      win.box.on("change", (checked) => win.changes.push(["on", checked]));
      win.box.mount("#consent");
    });
  await mountBox();
  const element = page.locator("#consent bolt-account-checkbox");
  const box = page.getByRole("checkbox", { name: "Save my details with Bolt for one-click checkout" });
  await expect(box).toBeChecked();
  await expect(page.locator("#consent iframe")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Terms of Use" })).toHaveAttribute(
    "href",
    "https://www.bolt.com/end-user-terms",
  );
  // Bolt's mark comes from Bolt's image host: the sandbox profile's second origin.
  const mark = element.locator("img");
  await expect.poll(() => mark.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  expect(await mark.evaluate((image: HTMLImageElement) => new URL(image.src).origin)).toBe(
    await sandboxBolt.assetsUrl(),
  );

  await box.uncheck();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as LeanWindow).changes))
    .toEqual([
      ["listener", false],
      ["on", false],
    ]);

  // The login modal's account check on the attached email field tells the checkbox about the email.
  await page.getByLabel("Email").fill("nobody@example.com");
  await expect.poll(async () => (await events(page, "account_check_complete")).length).toBe(1);
  await expect(element).toBeVisible();
  await page.getByLabel("Email").fill("alice@example.com");
  await expect.poll(async () => (await events(page, "account_check_complete")).length).toBe(2);
  await expect(element).toBeHidden();
  // Mounted again after the check, it knows at once.
  await mountBox();
  await expect(page.locator("#consent bolt-account-checkbox")).toBeHidden();
});
