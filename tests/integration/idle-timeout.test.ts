import { beforeAll, describe, expect, it } from "vitest";
import {
  bolt,
  forge,
  loadPage,
  postStepUp,
  SESSION_COOKIE,
  sessionCookieOf,
  setCookies,
  signIn,
  tokenCalls,
  unseal,
} from "./helpers";
import type { SessionData } from "@/lib/session/schema";

// The idle timeout (sessionIdleMinutes, 30 by default in the test storefront): a session nobody
// used for that long ends, whatever is left of its 12 hours. No waiting: the cookies below are sealed
// with the storefront's own password and an old idle stamp, as if the shopper had walked away.

const MINUTE = 60_000;
const CART = `cart=${encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 2 }]))}`;

const cleared = (response: Response) =>
  setCookies(response).some((header) => new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`).test(header));

let fields: SessionData;
let email: string;

beforeAll(async () => {
  const shopper = await bolt.createShopper();
  email = shopper.email;
  fields = await unseal((await signIn(shopper)).cookie);
});

/** The signed-in session, last used `idleMs` ago, signed in two hours ago. */
const lastUsed = (idleMs: number) =>
  forge({ ...fields, createdAt: Date.now() - 120 * MINUTE, seenAt: Date.now() - idleMs });

describe("the idle timeout", () => {
  it("ends a session unused for 30 minutes: the page says why, clears the cookie and keeps the cart", async () => {
    const response = await loadPage(`${await lastUsed(31 * MINUTE)}; ${CART}`, "/cart");
    expect(response.status).toBe(200);
    expect(cleared(response)).toBe(true);
    expect(setCookies(response).some((header) => header.startsWith("cart="))).toBe(false);
    const html = await response.text();
    expect(html).toContain("You were signed out after 30 minutes without activity");
    expect(html).toContain("your cart is kept");
    expect(html).toMatch(/Cart, 2 items/);
    expect(html).not.toContain(fields.email);
  });

  it("ends it as well when a static page's header asks who is there, with the same notice", async () => {
    const response = await loadPage(`${await lastUsed(31 * MINUTE)}; ${CART}`, "/api/bolt/session");
    expect(cleared(response)).toBe(true);
    expect(await response.json()).toMatchObject({
      signedIn: false,
      cartCount: 2,
      signedOutNotice:
        "You were signed out after 30 minutes without activity. Please sign in again; your cart is kept.",
    });
  });

  it("moves the stamp when a static page's header asks, as a page load does", async () => {
    const response = await loadPage(await lastUsed(29 * MINUTE), "/api/bolt/session");
    expect(await response.json()).toMatchObject({ signedIn: true, signedOutNotice: null });
    expect((await unseal(sessionCookieOf(response) ?? "")).seenAt).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("says so once: the next page, without the cookie, shows no notice", async () => {
    await loadPage(await lastUsed(45 * MINUTE), "/cart");
    expect(await (await loadPage(CART, "/cart")).text()).not.toContain("You were signed out");
  });

  it("refuses the idle cookie for a step-up too, before Bolt sees the code", async () => {
    const shopper = await bolt.createShopper();
    const response = await postStepUp(shopper.oauthCode, await lastUsed(31 * MINUTE));
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toMatchObject({ error: "step_up_without_session" });
    expect(sessionCookieOf(response)).toBeUndefined();
    expect(await tokenCalls(shopper.email, "authorization_code")).toEqual([]);
  });

  it("keeps a session used within the window, moving its stamp to now and nothing else", async () => {
    const response = await loadPage(await lastUsed(29 * MINUTE), "/cart");
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("You were signed out");
    const renewed = await unseal(sessionCookieOf(response) ?? "");
    expect(renewed.seenAt).toBeGreaterThan(Date.now() - MINUTE);
    expect(renewed).toEqual({ ...fields, createdAt: renewed.createdAt, seenAt: renewed.seenAt });
    expect(await tokenCalls(email, "refresh_token")).toEqual([]);
  });

  it("rewrites the cookie at most once a minute", async () => {
    const recent = await loadPage(await lastUsed(20_000), "/cart");
    expect(recent.status).toBe(200);
    expect(setCookies(recent)).toEqual([]);
  });

  it("refuses a stamp in the future, which the storefront never writes (no way to buy idle time)", async () => {
    const future = await forge({ ...fields, seenAt: Date.now() + 10 * MINUTE });
    const response = await loadPage(future, "/cart");
    expect(cleared(response)).toBe(true);
    expect(await response.text()).not.toContain("You were signed out");
  });
});
