import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bolt,
  EMULATOR,
  forge,
  loadPage,
  PASSWORDS,
  sealOf,
  SESSION_COOKIE,
  sessionCookieOf,
  setCookies,
  signIn,
  STOREFRONT,
  TIMEOUT_MS,
  tokenCalls,
  unseal,
} from "./helpers";
import type { SessionData } from "@/lib/session/schema";

// The session work before anything is shown: the proxy does it before a page rendered per request,
// and GET /api/bolt/session does the same for the static pages' header (a static page sets no
// cookie). Refresh before use, refuse bad cookies; then the security headers of both kinds of page.

/** Where a browser's session is looked at: every case below holds for both. */
const DOORS = [
  { door: "a page rendered per request (/cart)", path: "/cart" },
  { door: "the static pages' header (GET /api/bolt/session)", path: "/api/bolt/session" },
];

const cleared = (response: Response) =>
  setCookies(response).some((header) => new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`).test(header));

/** A signed-in shopper whose access tokens live `seconds`: always inside the one-minute refresh window. */
async function shortLivedSession(seconds = 2) {
  const shopper = await bolt.createShopper();
  await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: seconds });
  const { cookie } = await signIn(shopper);
  return { shopper, cookie, session: await unseal(cookie) };
}

describe.each(DOORS)("$door refreshes a nearly expired access token", ({ path }) => {
  it("10 parallel page loads make exactly one refresh, and all carry the same rotated session", async () => {
    const { shopper, cookie, session } = await shortLivedSession();
    const responses = await Promise.all(Array.from({ length: 10 }, () => loadPage(cookie, path)));
    expect(responses.every((response) => response.status < 500)).toBe(true);
    const refreshed = await Promise.all(responses.map((response) => unseal(sessionCookieOf(response) ?? "")));
    expect(new Set(refreshed.map((next) => next.refreshToken))).toEqual(new Set([refreshed[0]?.refreshToken]));
    expect(refreshed[0]).toMatchObject({ sid: session.sid, createdAt: session.createdAt, scope: "bolt.account.view" });
    expect(refreshed[0]?.refreshToken).not.toBe(session.refreshToken);
    const calls = await tokenCalls(shopper.email, "refresh_token");
    console.info(`10 parallel page loads → ${calls.length} refresh call(s) at Bolt`);
    expect(calls).toHaveLength(1);
  });

  it("signs out on invalid_grant, once and without a redirect loop", async () => {
    const { shopper, cookie, session } = await shortLivedSession();
    await bolt.refresh(session.refreshToken); // the refresh token is now used up
    const response = await loadPage(cookie, path);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(cleared(response)).toBe(true);
    const after = await loadPage(undefined, path);
    expect(after.status).toBe(200);
    expect(setCookies(after)).toEqual([]);
    expect((await tokenCalls(shopper.email, "refresh_token")).map((call) => call.status)).toEqual([200, 422]);
  });

  it("keeps the session through a Bolt outage, and refreshes once Bolt is back", async () => {
    const { shopper, cookie } = await shortLivedSession();
    const fault = await bolt.addFault({
      path: "/v1/oauth/token",
      email: shopper.email,
      status: 503,
      body: "json",
      times: 1,
    });
    try {
      const during = await loadPage(cookie, path);
      expect(during.status).toBeLessThan(500);
      expect(sessionCookieOf(during)).toBeUndefined();
    } finally {
      await fault.remove();
    }
    const after = await loadPage(cookie, path);
    expect(sessionCookieOf(after)).toMatch(/^bolt_session=Fe26\.2\*/);
    expect((await tokenCalls(shopper.email, "refresh_token")).map((call) => call.status)).toEqual([503, 200]);
  });

  it("keeps the session and still answers when the token endpoint hangs", async () => {
    const { shopper, cookie } = await shortLivedSession();
    const fault = await bolt.addFault({ path: "/v1/oauth/token", email: shopper.email, hang: true, times: 1 });
    try {
      const started = Date.now();
      const response = await loadPage(cookie, path);
      expect(response.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5000);
      expect(sessionCookieOf(response)).toBeUndefined();
    } finally {
      await fault.remove();
    }
  });

  it("refuses a cookie copied before logout, without refreshing it", async () => {
    const { shopper, cookie } = await shortLivedSession();
    const logout = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "DELETE",
      headers: { Origin: STOREFRONT, Cookie: cookie },
    });
    expect(logout.status).toBe(200);
    const replay = await loadPage(cookie, path);
    expect(replay.status).toBe(200);
    expect(cleared(replay)).toBe(true);
    expect(await tokenCalls(shopper.email, "refresh_token")).toEqual([]);
  });

  it("leaves an anonymous visitor cookie-free", async () => {
    const response = await loadPage(undefined, path);
    expect(response.status).toBe(200);
    expect(setCookies(response)).toEqual([]);
  });
});

describe("the one-time signed-out notice", () => {
  const notice = "bolt_signed_out=expired";
  const consumed = (response: Response) =>
    setCookies(response).some((header) => /^bolt_signed_out=[^;]*;.*Max-Age=0\b/.test(header));

  it("survives a router prefetch, which nobody sees, and is shown once by the next real page", async () => {
    const prefetch = await fetch(`${STOREFRONT}/cart?_rsc=prefetch`, {
      headers: { Cookie: notice, RSC: "1", "Next-Router-Prefetch": "1" },
      redirect: "manual",
    });
    expect(consumed(prefetch)).toBe(false);
    const page = await loadPage(notice, "/cart");
    expect(page.status).toBe(200);
    expect(consumed(page)).toBe(true);
    expect(await page.text()).toContain("You were signed out");
    expect(await (await loadPage(undefined, "/cart")).text()).not.toContain("You were signed out");
  });
});

describe.each(DOORS)("$door reads tampered, foreign and stale cookies as signed out, never as a 5xx", ({ path }) => {
  let seal = "";
  let fields: SessionData;
  beforeAll(async () => {
    const { cookie } = await signIn(await bolt.createShopper());
    seal = sealOf(cookie);
    fields = await unseal(cookie);
  });

  const part = (index: number, change: (value: string) => string) => () =>
    seal
      .replace(/~2$/, "")
      .split("*")
      .map((value, i) => (i === index ? change(value) : value))
      .join("*");
  const flip = (value: string) => value.slice(0, -2) + (value.at(-2) === "A" ? "B" : "A") + value.slice(-1);

  const refused: [string, () => Promise<string> | string][] = [
    ["one bit flipped in the ciphertext", part(4, flip)],
    ["one bit flipped in the MAC", part(7, flip)],
    ["the expiry changed", part(5, (value) => String(Number(value) + 1000))],
    ["the Fe26.1 prefix", part(0, () => "Fe26.1")],
    ["7 parts", () => seal.split("*").slice(0, 7).join("*")],
    ["9 parts", () => `${seal.replace(/~2$/, "")}*extra`],
    ["a non-numeric expiry", part(5, () => "never")],
    ["a truncated seal", () => seal.slice(0, seal.length / 2)],
    [
      "a seal from another app's password",
      async () => sealOf(await forge(fields, { 2: "another-apps-password-0123456789abcdef" })),
    ],
    [
      "an unknown password id",
      async () => sealOf(await forge(fields, { 9: "unknown-id-password-0123456789abcdefgh" })),
    ],
    [
      "a session past its absolute lifetime",
      async () => sealOf(await forge({ ...fields, createdAt: Date.now() - 13 * 3_600_000 })),
    ],
    ["an unknown session shape", async () => sealOf(await forge({ ...fields, v: 2 }))],
  ];

  it.each(refused)("with %s: the page answers 200 and clears the cookie", async (_name, make) => {
    const response = await loadPage(`${SESSION_COOKIE}=${await make()}`, path);
    expect(response.status).toBe(200);
    expect(cleared(response)).toBe(true);
  });

  it("with an empty value: anonymous, nothing to clear", async () => {
    const response = await loadPage(`${SESSION_COOKIE}=`, path);
    expect(response.status).toBe(200);
    expect(setCookies(response)).toEqual([]);
  });

  it("with a 100 KB value: Node refuses the header (431), the app never sees it", async () => {
    const response = await loadPage(`${SESSION_COOKIE}=${"x".repeat(100_000)}`, path);
    expect([400, 431]).toContain(response.status);
  });

  it("accepts a seal made with the older password while its id is still configured", async () => {
    const older = { 1: PASSWORDS["1"] ?? "" };
    const response = await loadPage(await forge({ ...fields, expiresAt: Date.now() + 3_600_000 }, older), path);
    expect(response.status).toBe(200);
    expect(setCookies(response)).toEqual([]);
  });

  it("reads logout with a tampered cookie as a plain logout", async () => {
    const response = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "DELETE",
      headers: { Origin: STOREFRONT, Cookie: `${SESSION_COOKIE}=Fe26.2*2*x*y*z` },
    });
    expect(response.status).toBe(200);
  });
});

describe("GET /api/bolt/session after Bolt refused the refresh token", () => {
  const EXPIRED_NOTICE =
    "You were signed out because your Bolt session ended. Please sign in again; your cart is kept.";

  it("says so once, for the notice, and answers signed out from then on", async () => {
    const { cookie, session } = await shortLivedSession();
    await bolt.refresh(session.refreshToken); // the refresh token is now used up
    const response = await loadPage(cookie, "/api/bolt/session");
    expect(await response.json()).toMatchObject({ signedIn: false, signedOutNotice: EXPIRED_NOTICE });
    expect(cleared(response)).toBe(true);
    const after = await loadPage(undefined, "/api/bolt/session");
    expect(await after.json()).toMatchObject({ signedIn: false, signedOutNotice: null });
  });

  it("also shows, once, the notice a router prefetch carried over", async () => {
    const response = await loadPage("bolt_signed_out=expired", "/api/bolt/session");
    expect(await response.json()).toMatchObject({ signedIn: false, signedOutNotice: EXPIRED_NOTICE });
    expect(setCookies(response).some((header) => /^bolt_signed_out=[^;]*;.*Max-Age=0\b/.test(header))).toBe(true);
  });
});

describe("static pages", () => {
  it("leave every visitor cookie-free and never refresh, even with a token about to expire", async () => {
    const { shopper, cookie } = await shortLivedSession();
    for (const path of ["/", "/products/stoneware-mug", "/products/no-such-thing"]) {
      const response = await loadPage(cookie, path);
      expect(setCookies(response), path).toEqual([]);
    }
    expect(await tokenCalls(shopper.email, "refresh_token")).toEqual([]);
  });
});

const sha256 = (content: string | Uint8Array) => `sha256-${createHash("sha256").update(content).digest("base64")}`;

/**
 * The `'sha256-…'` source that allows each script of a page, as the browser matches it: an inline
 * script's text, or a script file's `integrity`, which must be the hash of the file served.
 */
async function scriptHashes(html: string): Promise<string[]> {
  const hashes: string[] = [];
  for (const [tag, attributes = "", text = ""] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\ssrc="([^"]*)"/.exec(attributes)?.[1];
    if (!src) {
      hashes.push(`'${sha256(text)}'`);
      continue;
    }
    const integrity = /\sintegrity="([^"]*)"/.exec(attributes)?.[1];
    expect(integrity, tag).toBeDefined();
    const file = new Uint8Array(await (await fetch(`${STOREFRONT}${src}`)).arrayBuffer());
    expect(integrity, tag).toBe(sha256(file));
    hashes.push(`'${integrity}'`);
  }
  return hashes;
}

const scriptSources = (response: Response) =>
  (response.headers.get("content-security-policy") ?? "")
    .split("; ")
    .find((directive) => directive.startsWith("script-src "))
    ?.split(" ")
    .slice(1) ?? [];

describe("security headers", () => {
  it("give pages rendered per request a per-request nonce CSP that Next applies to its scripts", async () => {
    const [first, second] = await Promise.all([loadPage(undefined, "/cart"), loadPage(undefined, "/cart")]);
    const csp = first?.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second?.headers.get("content-security-policy")).not.toBe(csp);
    expect(csp).toContain(`script-src 'nonce-${nonce}' 'strict-dynamic' 'self' ${EMULATOR}`);
    expect(csp).toContain("report-uri /api/csp-report");
    expect(first?.headers.get("content-security-policy-report-only")).toContain(
      `style-src-elem 'self' 'nonce-${nonce}'`,
    );
    expect(csp).toContain(`frame-src ${EMULATOR}`);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(first?.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first?.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first?.headers.get("strict-transport-security")).toBeNull();
    const html = (await first?.text()) ?? "";
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it.each(["/", "/products/stoneware-mug", "/products/no-such-thing"])(
    "give the static page %s one policy for everyone: exactly its scripts' hashes, no nonce",
    async (path) => {
      const [first, second] = await Promise.all([loadPage(undefined, path), loadPage(undefined, path)]);
      const csp = first.headers.get("content-security-policy") ?? "";
      expect(second.headers.get("content-security-policy")).toBe(csp);
      const html = await first.text();
      const hashes = await scriptHashes(html);
      expect(hashes.length).toBeGreaterThan(0);
      // 'strict-dynamic': browsers then ignore 'self', so every script file needs its hash listed.
      expect(scriptSources(first)).toEqual([...new Set(hashes), "'strict-dynamic'", "'self'", EMULATOR]);
      expect(html).not.toMatch(/<script\b[^>]*\snonce=/);
      for (const directive of [
        `frame-src ${EMULATOR}`,
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
      ])
        expect(csp).toContain(directive);
    },
  );

  it("gives API answers nosniff, the referrer policy and a deny-all CSP", async () => {
    const response = await fetch(`${STOREFRONT}/api/health`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
