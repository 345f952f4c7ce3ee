// The order page and "Your orders", rendered to HTML as `next build` renders them, on a real ledger
// (PGlite in memory) with real sealed cookies: a Bolt session for a signed-in shopper, the order-access
// cookie for a guest's browser.
import { eq } from "drizzle-orm";
import type { CookieJar } from "iron-session";
import { createElement, type ReactElement } from "react";
import { prerender } from "react-dom/static";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrderAccess } from "@/lib/checkout/order-access";
import { orders } from "@/lib/db/schema";
import { createPendingOrder, newOrderId, recordAnswer, type Order } from "@/lib/ledger";
import { newSub, nextTick, orderInput, useTestDatabase } from "@/lib/ledger/testing/orders";
import { sealedCookie } from "@/lib/session/testing/sealed-cookie";

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), database: undefined as unknown }));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
  }),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  useRouter: () => ({ refresh: () => {} }),
}));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<typeof import("@/lib/db")>()),
  getDatabase: async () => request.database,
}));

const jar: CookieJar = {
  read: (name) => request.cookies.get(name),
  write: (name, value) => void request.cookies.set(name, value),
};

async function html(element: ReactElement): Promise<string> {
  const { prelude } = await prerender(element);
  return new Response(prelude).text();
}

/** What a reader sees: the text without tags, entities decoded, spaces collapsed. */
function text(markup: string): string {
  return markup
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

async function signIn(sub: string) {
  const { cookie } = await sealedCookie({ sub });
  const at = cookie.indexOf("=");
  request.cookies.set(cookie.slice(0, at), cookie.slice(at + 1));
}

const orderProps = (orderId: string, key?: string) =>
  ({
    params: Promise.resolve({ orderId }),
    searchParams: Promise.resolve(key === undefined ? {} : { key }),
  }) as PageProps<"/orders/[orderId]">;

const listProps = (query: Record<string, string> = {}) =>
  ({ params: Promise.resolve({}), searchParams: Promise.resolve(query) }) as PageProps<"/orders">;

async function orderPage(orderId: string, key?: string) {
  const page = await import("@/app/(account)/orders/[orderId]/page");
  const metadata = await page.generateMetadata(orderProps(orderId, key));
  return { title: metadata.title, body: await html(await page.default(orderProps(orderId, key))) };
}

async function refusedOrderPage(orderId: string, key?: string) {
  const page = await import("@/app/(account)/orders/[orderId]/page");
  await expect(page.generateMetadata(orderProps(orderId, key))).rejects.toThrow("NEXT_NOT_FOUND");
  await expect(page.default(orderProps(orderId, key))).rejects.toThrow("NEXT_NOT_FOUND");
}

async function ordersPage(query: Record<string, string> = {}) {
  const page = await import("@/app/(account)/orders/(list)/page");
  return html(await page.default(listProps(query)));
}

describe("the order pages, on a real ledger", () => {
  const db = useTestDatabase("PGlite");
  const authorize = (order: Order, extra: { accountCreated?: boolean } = {}) =>
    recordAnswer(db(), order.id, { kind: "authorized", boltReference: `R-${order.id}`, amountCents: 5900, ...extra });

  beforeEach(() => {
    request.cookies.clear();
    request.database = db();
  });

  describe("the order page", () => {
    it("shows a signed-in shopper their order as the ledger holds it", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await authorize(order);
      await signIn(sub);

      const { title, body } = await orderPage(order.id);
      const shown = text(body);

      expect(title).toBe("Order confirmed");
      expect(shown).toContain("Thank you, your order is placed");
      expect(shown).toContain(`Order number ${order.id}`);
      expect(shown).toMatch(/Placed \w+ \d{1,2}, \d{4}/);
      expect(shown).toContain("Status Order confirmed");
      expect(shown).toContain("Organic tee × 2 $50.00");
      expect(shown).toContain("Subtotal $50.00 Shipping $5.00 Tax $4.00 Total $59.00");
      expect(shown).toContain("Nora Guest 12 Guest Lane Portland, OR 97201 United States");
      expect(shown).toContain("Paid with Visa ending in 1111");
      expect(body).toContain('href="/orders"');
      expect(shown).not.toContain("Keep this link");
      expect(shown).not.toContain("Bolt account is ready");
    });

    it("shows another signed-in shopper the same not-found as an unknown order", async () => {
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));
      await signIn(newSub());
      await refusedOrderPage(order.id);
      await refusedOrderPage(newOrderId());
    });

    it("shows a guest their order in the browser that placed it, with the link to keep", async () => {
      const { order, guestKey } = await createPendingOrder(db(), orderInput());
      await authorize(order);
      await grantOrderAccess(jar, { orderId: order.id, guestKey: guestKey! });

      const { body } = await orderPage(order.id);

      expect(text(body)).toContain("Keep this link");
      expect(body).toContain(`href="/orders/${order.id}?key=${guestKey}"`);
      expect(body).toMatch(/role="status"/);
      // A guest's order has no "Your orders" to go back to.
      expect(body).not.toContain('href="/orders"');
    });

    it("shows a guest's order through its link in any browser, and never by its id alone or a wrong key", async () => {
      const { order, guestKey } = await createPendingOrder(db(), orderInput());
      const other = await createPendingOrder(db(), orderInput());
      await authorize(order);

      expect(text((await orderPage(order.id, guestKey!)).body)).toContain("Thank you, your order is placed");
      await refusedOrderPage(order.id);
      await refusedOrderPage(order.id, other.guestKey!);
      await refusedOrderPage(order.id, "not-a-key");
      await refusedOrderPage(newOrderId(), guestKey!);
      await signIn(newSub());
      await refusedOrderPage(order.id);
    });

    it("says a payment Bolt has not confirmed yet is being confirmed, without alarm", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await signIn(sub);

      const { title, body } = await orderPage(order.id);

      expect(title).toBe("Confirming your payment");
      expect(text(body)).toContain("We're confirming your payment with Bolt…");
      expect(text(body)).toContain("Paying with Visa ending in 1111");
      expect(text(body)).not.toMatch(/declined|failed|error/i);
    });

    it("keeps the review wording and title for an order Bolt holds for review", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await recordAnswer(db(), order.id, { kind: "in_review", boltReference: `R-${order.id}`, amountCents: 5900 });
      await signIn(sub);

      const { title, body } = await orderPage(order.id);

      expect(title).toBe("Order in review");
      expect(text(body)).toContain("Thank you, your order is in review");
      expect(text(body)).toContain("Bolt is reviewing the payment");
    });

    it("shows a partial refund with its amount, beside the total", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await authorize(order);
      // Settlement's moves are not in the ledger's API yet: set the row as a capture and refund leave it.
      await db()
        .update(orders)
        .set({ status: "partially_refunded", capturedCents: 5900, refundedCents: 1200 })
        .where(eq(orders.id, order.id));
      await signIn(sub);

      const { title, body } = await orderPage(order.id);

      expect(title).toBe("Order partly refunded");
      expect(text(body)).toContain("Status Partly refunded: $12.00");
      expect(text(body)).toContain("Total $59.00 Refunded −$12.00");
    });

    it("tells a guest that Bolt made them an account when its answer said so", async () => {
      const { order, guestKey } = await createPendingOrder(db(), orderInput({ email: "nora@example.com" }));
      await authorize(order, { accountCreated: true });

      const { body } = await orderPage(order.id, guestKey!);

      expect(text(body)).toContain("Your Bolt account is ready");
      expect(text(body)).toContain("Bolt created an account for nora@example.com");
    });

    it("says the same thing for every order it can't show", async () => {
      const { default: OrderNotFound, metadata } = await import("@/app/(account)/orders/[orderId]/not-found");
      const shown = text(await html(createElement(OrderNotFound)));
      expect(metadata.title).toBe("Order not available");
      expect(shown).toContain("We can't show this order here");
      expect(shown).not.toMatch(/[0-9A-Z]{12}/);
    });
  });

  describe("Your orders", () => {
    it("asks a signed-out visitor to sign in, and tells guests where their orders are", async () => {
      const shown = text(await ordersPage());
      expect(shown).toContain("Sign in to see your orders");
      expect(shown).toContain("Email");
      expect(shown).toContain("Ordered as a guest? Your order confirmation has a link to your order");
    });

    it("says so when a shopper has no orders yet", async () => {
      await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));
      await signIn(newSub());
      const page = await ordersPage();
      expect(text(page)).toContain("You haven't placed an order");
      expect(page).not.toMatch(/href="\/orders\/[0-9A-Z]{12}"/);
    });

    it("lists a shopper's orders newest first, ten a page, each with its date, status and total", async () => {
      const sub = newSub();
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        await nextTick();
        ids.unshift((await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order.id);
      }
      await authorize((await createPendingOrder(db(), orderInput({ shopperSub: newSub() }))).order);
      await nextTick();
      const newest = (await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order;
      await authorize(newest);
      ids.unshift(newest.id);
      await signIn(sub);
      const linked = (page: string) => [...page.matchAll(/href="\/orders\/([0-9A-Z]{12})"/g)].map((match) => match[1]);
      const cursor = (page: string, name: "before" | "after") =>
        page.match(new RegExp(`href="/orders\\?${name}=(\\w+)"`))?.[1];

      const first = await ordersPage();
      expect(linked(first)).toEqual(ids.slice(0, 10));
      expect(text(first)).toMatch(
        new RegExp(`Order ${newest.id} Placed \\w+ \\d{1,2}, \\d{4} Status Order confirmed Total \\$59\\.00`),
      );
      expect(text(first)).toContain("We're confirming your payment with Bolt…");
      expect(text(first)).not.toContain("Newer orders");

      const second = await ordersPage({ before: cursor(first, "before")! });
      expect(linked(second)).toEqual(ids.slice(10, 20));
      expect(text(second)).toContain("Newer orders");

      const third = await ordersPage({ before: cursor(second, "before")! });
      expect(linked(third)).toEqual(ids.slice(20));
      expect(text(third)).not.toContain("Older orders");

      const backToSecond = await ordersPage({ after: cursor(third, "after")! });
      expect(linked(backToSecond)).toEqual(ids.slice(10, 20));
      const backToFirst = await ordersPage({ after: cursor(backToSecond, "after")! });
      expect(linked(backToFirst)).toEqual(ids.slice(0, 10));
    });

    it("reads a cursor it can't use as the first page, and one from another shopper's order as an empty page", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      const theirs = (await createPendingOrder(db(), orderInput({ shopperSub: newSub() }))).order;
      await signIn(sub);

      expect(await ordersPage({ before: "' or 1=1 --" })).toContain(`href="/orders/${order.id}"`);
      const foreign = await ordersPage({ before: theirs.id });
      expect(foreign).not.toContain(theirs.id);
      expect(text(foreign)).toContain("No orders on this page");
    });
  });
});
