import type { CookieJar } from "iron-session";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// What a server action writes through its jar is what a page reads back through `cookies()`.
const values = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (values.has(name) ? { value: values.get(name) } : undefined) }),
}));
const jar: CookieJar = { read: (name) => values.get(name), write: (name, value) => void values.set(name, value) };

const ORDER_IDS = Array.from({ length: 12 }, (_, i) => `7K3P9QXH4TR${"0123456789AB"[i]}`);

async function load() {
  vi.resetModules();
  return import("./order-access");
}

describe("order access: the guest orders this browser may open", () => {
  beforeEach(() => values.clear());
  afterEach(() => vi.unstubAllEnvs());

  it("remembers each granted order, newest first, without repeats", async () => {
    const { grantOrderAccess, readOrderAccess } = await load();
    await grantOrderAccess(jar, { orderId: ORDER_IDS[0]!, guestKey: "key-0" });
    await grantOrderAccess(jar, { orderId: ORDER_IDS[1]!, guestKey: "key-1" });
    await grantOrderAccess(jar, { orderId: ORDER_IDS[0]!, guestKey: "key-0" });
    expect(await readOrderAccess()).toEqual([
      { orderId: ORDER_IDS[0], guestKey: "key-0" },
      { orderId: ORDER_IDS[1], guestKey: "key-1" },
    ]);
  });

  it("keeps the ten newest, so the cookie stays small", async () => {
    const { grantOrderAccess, readOrderAccess } = await load();
    for (const [i, orderId] of ORDER_IDS.entries()) await grantOrderAccess(jar, { orderId, guestKey: `key-${i}` });
    const kept = await readOrderAccess();
    expect(kept.map((entry) => entry.orderId)).toEqual(ORDER_IDS.slice(2).reverse());
    expect([...values.values()][0]!.length).toBeLessThan(1500);
  });

  it("reads a tampered or foreign cookie as no access, and holds no guest key in the clear", async () => {
    const { grantOrderAccess, readOrderAccess } = await load();
    await grantOrderAccess(jar, { orderId: ORDER_IDS[0]!, guestKey: "secret-guest-key" });
    const [name, seal] = [...values.entries()][0]!;
    expect(seal).not.toContain("secret-guest-key");
    values.set(name, `${seal.slice(0, -4)}AAAA`);
    expect(await readOrderAccess()).toEqual([]);
    values.set(name, "Fe26.2**forged");
    expect(await readOrderAccess()).toEqual([]);
  });

  it("gives a browser without the cookie access to nothing", async () => {
    const { readOrderAccess } = await load();
    expect(await readOrderAccess()).toEqual([]);
  });

  it("is an httpOnly, same-site cookie for the whole site, kept thirty days, and deleted the same way", async () => {
    const { clearOrderAccess, grantOrderAccess } = await load();
    const writes: [string, string, unknown][] = [];
    const watched: CookieJar = {
      read: jar.read,
      write: (name, value, options) => void writes.push([name, value, options]),
    };
    await grantOrderAccess(watched, { orderId: ORDER_IDS[0]!, guestKey: "key-0" });
    clearOrderAccess(watched);
    const attributes = { httpOnly: true, secure: true, sameSite: "lax", path: "/" };
    expect(writes).toEqual([
      ["order_access", expect.stringMatching(/^Fe26\.2\*/), { ...attributes, maxAge: 30 * 24 * 60 * 60 }],
      ["order_access", "", { ...attributes, maxAge: 0 }],
    ]);
  });

  it("is __Host- prefixed on an https origin", async () => {
    vi.stubEnv("APP_ORIGIN", "https://shop.example.com");
    const { grantOrderAccess, readOrderAccess } = await load();
    await grantOrderAccess(jar, { orderId: ORDER_IDS[0]!, guestKey: "key-0" });
    expect([...values.keys()]).toEqual(["__Host-order_access"]);
    expect(await readOrderAccess()).toEqual([{ orderId: ORDER_IDS[0], guestKey: "key-0" }]);
  });

  it("is forgotten at logout", async () => {
    const { clearOrderAccess, grantOrderAccess, readOrderAccess } = await load();
    await grantOrderAccess(jar, { orderId: ORDER_IDS[0]!, guestKey: "key-0" });
    clearOrderAccess(jar);
    expect(await readOrderAccess()).toEqual([]);
  });
});
