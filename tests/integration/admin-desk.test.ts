import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { sealData } from "iron-session";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MERCHANT_SESSION_MS } from "@/lib/admin/session";
import { derivedPasswords } from "@/lib/session/sealing";
import { CHROMIUM_ARGS, findBrowser } from "@/scripts/find-browser.mjs";
import { TEST_ADMIN_PASSWORD, TEST_OUTPUT } from "@/tests/support/test-env.mjs";
import { placeOrderInBrowser } from "../cluster/browser";
import { bolt, PASSWORDS, postSession, sessionCookieOf, signIn, signInBody, STOREFRONT } from "./helpers";
import { privateStorefront, type PrivateStorefront } from "./private-storefront";

// The order desk's sign-in and session against the test storefront, over HTTP as a browser without
// JavaScript sends it (the sign-in form posts itself), and the desk's actions replayed as an attacker
// would replay them.

const ADMIN_COOKIE = "admin_session";
const SAME_SITE = (base: string) => ({ Origin: base, "Sec-Fetch-Site": "same-origin" });

/** The sign-in page's form, filled in: the hidden fields Next renders for its action, and the password. */
async function signInForm(base: string, password: string): Promise<FormData> {
  const html = await (await fetch(`${base}/admin/sign-in`)).text();
  const form = html.slice(html.indexOf("<form"), html.indexOf("</form>"));
  const fields = new FormData();
  for (const [, tag = ""] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name) fields.set(name, value.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  fields.set("password", password);
  return fields;
}

/** Posts the sign-in form as a browser without JavaScript does, from `headers`' client. */
async function postSignIn(password: string, { base = STOREFRONT, headers = {} as Record<string, string> } = {}) {
  const response = await fetch(`${base}/admin/sign-in`, {
    method: "POST",
    body: await signInForm(base, password),
    headers: { ...SAME_SITE(base), ...headers },
    redirect: "manual",
  });
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${ADMIN_COOKIE}=`));
  return { response, setCookie, cookie: setCookie?.split(";")[0], body: await response.text() };
}

/** A desk page as the browser loads it with `cookie`. */
function loadDesk(cookie: string | undefined, path = "/admin") {
  return fetch(`${STOREFRONT}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

/** A desk session sealed as the storefront seals one (its `admin-session` key), or with `password`. */
async function forgeDesk(fields: Record<string, unknown>, password = derivedPasswords("admin-session")) {
  return `${ADMIN_COOKIE}=${await sealData(fields, { password, ttl: MERCHANT_SESSION_MS / 1000 })}`;
}

const deskSession = (createdAt = Date.now()) => ({ v: 1, sid: "a".repeat(22), createdAt });

const expectSignInPage = (response: Response) => {
  expect(response.status).toBe(307);
  expect(new URL(response.headers.get("location") ?? "", STOREFRONT).pathname).toBe("/admin/sign-in");
};

describe("signing in to the order desk", () => {
  it("sends a visitor without a desk session to the sign-in page, asking to come back to the order", async () => {
    expectSignInPage(await loadDesk(undefined));
    const order = await loadDesk(undefined, "/admin/orders/0123456789AB");
    expect(order.status).toBe(307);
    expect(order.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Forders%2F0123456789AB");
  });

  it("refuses a wrong password without a cookie, and says so", async () => {
    const { response, setCookie, body } = await postSignIn("not the desk password");
    expect(response.status).toBe(200);
    expect(setCookie).toBeUndefined();
    expect(body).toContain("That is not the desk&#x27;s password.");
  });

  it("signs in with the password: a sealed, HttpOnly, Secure, SameSite=Strict cookie for 8 hours, on Path=/", async () => {
    const { response, setCookie, cookie } = await postSignIn(TEST_ADMIN_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin");
    const attributes = setCookie!.split("; ").slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(["Path=/", "Secure", "HttpOnly", "SameSite=strict", `Max-Age=${8 * 3600 - 60}`]),
    );
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(cookie!.length).toBeLessThan(1000);
    const desk = await loadDesk(cookie);
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain("Events Bolt sent about orders we don&#x27;t know");
  });

  it("goes on to the desk page it was asked for, and nowhere else", async () => {
    const fields = await signInForm(STOREFRONT, TEST_ADMIN_PASSWORD);
    for (const [next, expected] of [
      ["/admin/orders/0123456789AB", "/admin/orders/0123456789AB"],
      ["https://evil.example/admin", "/admin"],
      ["//evil.example", "/admin"],
    ]) {
      fields.set("next", next!);
      const response = await fetch(`${STOREFRONT}/admin/sign-in`, {
        method: "POST",
        body: fields,
        headers: SAME_SITE(STOREFRONT),
        redirect: "manual",
      });
      expect(response.headers.get("location")).toBe(expected);
    }
  });

  it("refuses the right password posted from another site, or without an Origin", async () => {
    const attempts: Array<Record<string, string>> = [
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { Origin: STOREFRONT, "Sec-Fetch-Site": "same-site" },
      { Origin: "null" },
      {},
    ];
    for (const headers of attempts) {
      const fields = await signInForm(STOREFRONT, TEST_ADMIN_PASSWORD);
      const response = await fetch(`${STOREFRONT}/admin/sign-in`, {
        method: "POST",
        body: fields,
        headers,
        redirect: "manual",
      });
      // Next refuses a foreign Origin itself (with its error page); the desk refuses the rest.
      expect(response.status).not.toBe(303);
      expect(response.headers.getSetCookie().filter((line) => line.startsWith(ADMIN_COOKIE))).toEqual([]);
    }
  });
});

describe("the desk's session", () => {
  it("lasts 8 hours from sign-in, however it is used", async () => {
    const almost = await forgeDesk(deskSession(Date.now() - MERCHANT_SESSION_MS + 60_000));
    expect((await loadDesk(almost)).status).toBe(200);
    const over = await forgeDesk(deskSession(Date.now() - MERCHANT_SESSION_MS - 1000));
    expectSignInPage(await loadDesk(over));
  });

  it("is not opened by a shopper's session, under its own name or the desk's", async () => {
    const shopper = await bolt.createShopper();
    const { cookie } = await signIn(shopper);
    expect(cookie).toMatch(/^bolt_session=/);
    expectSignInPage(await loadDesk(cookie));
    expectSignInPage(await loadDesk(cookie.replace(/^bolt_session=/, `${ADMIN_COOKIE}=`)));
    // The desk's own shape, sealed with the shop's session password instead of the desk's key.
    expectSignInPage(await loadDesk(await forgeDesk(deskSession(), PASSWORDS)));
  });

  it("refuses a tampered desk cookie, and any cookie that is not one, without an error", async () => {
    const { cookie } = await postSignIn(TEST_ADMIN_PASSWORD);
    const seal = cookie!.slice(ADMIN_COOKIE.length + 1);
    const flipped = (index: number) =>
      `${seal.slice(0, index)}${seal[index] === "A" ? "B" : "A"}${seal.slice(index + 1)}`;
    const variants = [
      flipped(60),
      flipped(seal.length - 10),
      seal.replace(/\*\d{13}\*/, `*${Date.now() + 10 * MERCHANT_SESSION_MS}*`),
      seal.replace("Fe26.2", "Fe26.1"),
      seal.split("*").slice(0, 7).join("*"),
      "",
      "x".repeat(3000),
    ];
    for (const variant of variants) expectSignInPage(await loadDesk(`${ADMIN_COOKIE}=${variant}`));
    expect((await loadDesk(cookie)).status).toBe(200);
  });

  it("ends at sign-out, for the copy of the cookie taken before too", async () => {
    const { cookie } = await postSignIn(TEST_ADMIN_PASSWORD);
    const browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext();
      const [name, ...value] = cookie!.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: STOREFRONT }]);
      const page = await context.newPage();
      await page.goto(`${STOREFRONT}/admin`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/admin\/sign-in$/);
      expect((await context.cookies()).filter((each) => each.name === ADMIN_COOKIE)).toEqual([]);
    } finally {
      await browser.close();
    }
    expectSignInPage(await loadDesk(cookie));
  });
});

describe("the desk's actions", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
  });
  afterAll(() => browser.close());

  /** A paid order (the test storefront captures at once) and a merchant's refund of it, as the browser sent it. */
  async function recordedRefund() {
    const shopper = await bolt.signedInShopper();
    await bolt.saveTestCard(shopper.tokens.access_token);
    const session = await postSession(signInBody(await bolt.loginCode(shopper.email)));
    const placed = await placeOrderInBrowser(STOREFRONT, sessionCookieOf(session) ?? "");
    if (!placed.placed) throw new Error(placed.message);
    const [payment] = await bolt.orders({ orderReference: placed.orderId });

    const { cookie } = await postSignIn(TEST_ADMIN_PASSWORD);
    const context = await browser.newContext();
    try {
      const [name, ...value] = cookie!.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: STOREFRONT }]);
      const page = await context.newPage();
      // The order is captured by Bolt's webhook, shortly after it is paid.
      await expect
        .poll(async () => {
          await page.goto(`${STOREFRONT}/admin/orders/${placed.orderId}`);
          return page.getByTestId("desk-refund").count();
        })
        .toBe(1);
      let sent: { headers: Record<string, string>; body: Buffer } | undefined;
      await page.route(`${STOREFRONT}/admin/orders/**`, async (route) => {
        const request = route.request();
        if (request.method() !== "POST") return route.continue();
        sent = { headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
        await route.abort();
      });
      await page.getByLabel("Amount to refund").fill("1.00");
      await page.getByLabel("Reason").fill("Replayed");
      await page.getByRole("button", { name: "Refund", exact: true }).click();
      await expect.poll(() => sent).toBeDefined();
      return { orderId: placed.orderId, reference: payment!.transactionReference, sent: sent!, cookie: cookie! };
    } finally {
      await context.close();
    }
  }

  it("refuses a refund sent without a desk session, or without an Origin: Bolt refunds nothing", async () => {
    const { orderId, sent, cookie } = await recordedRefund();
    // What fetch sets itself, and what each replay below chooses: the cookie and the Origin.
    const own = new Set(["host", "content-length", "connection", "accept-encoding", "cookie", "origin"]);
    const headers = Object.fromEntries(Object.entries(sent.headers).filter(([name]) => !own.has(name)));
    const replay = (extra: Record<string, string>) =>
      fetch(`${STOREFRONT}/admin/orders/${orderId}`, {
        method: "POST",
        headers: { ...headers, ...extra },
        body: new Uint8Array(sent.body),
      });

    const anonymous = await replay({ Origin: STOREFRONT });
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toContain("Your desk session has ended, so nothing was sent to Bolt.");
    const shopper = await replay({ Origin: STOREFRONT, Cookie: (await signIn(await bolt.createShopper())).cookie });
    expect(await shopper.text()).toContain("Your desk session has ended");
    const noOrigin = await replay({ Cookie: cookie });
    expect(await noOrigin.text()).toContain("Your desk session has ended");

    expect((await bolt.orders({ orderReference: orderId }))[0]).toMatchObject({ refundedAmount: 0 });
    // The same request with the session and its Origin is the merchant's own, and Bolt refunds.
    const merchant = await replay({ Origin: STOREFRONT, Cookie: cookie });
    expect(await merchant.text()).toContain("Bolt refunded $1.00.");
    expect((await bolt.orders({ orderReference: orderId }))[0]).toMatchObject({ refundedAmount: 100 });
  }, 60_000);
});

describe("sign-in limits", () => {
  let store: PrivateStorefront;
  const ledger = `${process.cwd()}/${TEST_OUTPUT}/pglite-desk-limits`;
  beforeAll(async () => {
    store = await privateStorefront("desk-limits-storefront");
    rmSync(ledger, { recursive: true, force: true });
    mkdirSync(TEST_OUTPUT, { recursive: true });
    await store.start({
      PGLITE_DATA_DIR: ledger,
      TRUSTED_IP_HEADER: "x-real-ip",
      STOREFRONT_TUNING: JSON.stringify({ rateLimits: { adminSignInPerIp: "3/1m", adminSignIns: "5/1m" } }),
    });
  }, 90_000);
  afterAll(() => store?.stop());

  const from = (ip: string, password: string) =>
    postSignIn(password, { base: store.url, headers: { "X-Real-IP": ip } });

  it("limits attempts per client, then for everyone, right password or not, and logs it", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await from("203.0.113.7", "wrong guess")).body).toContain("not the desk&#x27;s password");
    }
    const limited = await from("203.0.113.7", TEST_ADMIN_PASSWORD);
    expect(limited.setCookie).toBeUndefined();
    expect(limited.body).toContain("Too many sign-in attempts. Try again in 1 minute.");

    // Another client still gets in, until the overall limit (5 a minute) is reached.
    expect((await from("203.0.113.8", TEST_ADMIN_PASSWORD)).setCookie).toBeDefined();
    expect((await from("203.0.113.9", "wrong guess")).body).toContain("not the desk&#x27;s password");
    const overall = await from("203.0.113.10", TEST_ADMIN_PASSWORD);
    expect(overall.setCookie).toBeUndefined();
    expect(overall.body).toContain("Too many sign-in attempts");

    const log = readFileSync(`${TEST_OUTPUT}/desk-limits-storefront.log`, "utf8");
    const lines = log
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ event: "rate_limited", limit: "adminSignInPerIp" }));
    expect(lines).toContainEqual(expect.objectContaining({ event: "rate_limited", limit: "adminSignIns" }));
    expect(lines).toContainEqual(
      expect.objectContaining({ event: "admin_sign_in_refused", reason: "wrong_password", client: "203.0.113.7" }),
    );
    expect(log).not.toContain("wrong guess");
    expect(log).not.toContain(TEST_ADMIN_PASSWORD);
  }, 60_000);
});
